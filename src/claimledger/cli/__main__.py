import sys

from claimledger.cli import main

sys.exit(main())
