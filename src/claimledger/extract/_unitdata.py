"""Raw unit lexicon tables for ``claimledger.extract.units`` (data only, no logic).

Each physical entry maps a surface form to ``(symbol, factor)``: the canonical short symbol
and the factor that turns the written number into that symbol's unit (``"45 bcm"`` is
4.5e10 m3, so ``bcm`` is ``("m3", 1e9)``).  ``units.PINT`` gives the pint expression of
every canonical physical symbol; tests/test_units.py parses each one with pint so the
vocabulary cannot drift from real units, while extraction never imports pint.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A frozenset of the whitespace-separated words of ``text`` (for readable tables)."""
    return frozenset(text.split())


# ISO 4217 codes in current (and a few historic but still-cited) use.
ISO_CODES = word_set(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD
    BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
    EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK
    JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA
    MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK
    PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN
    SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST
    XAF XCD XOF XPF YER ZAR ZMW ZWL BTC FRF DEM ESP ITL NLG BEF FIM ATS PTE GRD IEP
    """
)

# Upper-case codes that are also ordinary words or common acronyms ("ALL 5 solutions",
# "CUP", "TOP 10", "COP 29" the climate conference): never read as a currency on their own.
CODE_WORDS = word_set(
    """
    ALL CUP SOS TOP CAR SAR COP BAM
    """
)

# Lower-case codes that are safe to read in lower-cased (tokenised) text.
SAFE_LOWER_CODES = word_set(
    """
    usd eur gbp jpy cny rmb kzt rub inr chf cad aud nzd hkd sgd sek nok dkk pln czk huf
    uah brl mxn zar krw btc aed sar kgs uzs azn byn idr myr thb php vnd ngn egp ils
    """
)

# Symbols and prefixes written before (or glued to) the amount.  Case-sensitive keys.
CURRENCY_PREFIX: dict[str, str] = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "USD$": "USD", "A$": "AUD", "AU$": "AUD",
    "AUD$": "AUD", "C$": "CAD", "CA$": "CAD", "CAD$": "CAD", "NZ$": "NZD", "NZD$": "NZD",
    "HK$": "HKD", "S$": "SGD", "SG$": "SGD", "NT$": "TWD", "R$": "BRL", "Mex$": "MXN",
    "J$": "JMD", "TT$": "TTD", "EC$": "XCD", "FJ$": "FJD", "G$": "GYD", "L$": "LRD", "N$": "NAD",
    "Bds$": "BBD",
    "MX$": "MXN", "MXN$": "MXN", "€": "EUR", "£": "GBP", "¥": "JPY", "JP¥": "JPY",
    "CN¥": "CNY", "RMB¥": "CNY", "₸": "KZT", "₽": "RUB", "₹": "INR", "Rs": "INR",
    "Rs.": "INR", "₩": "KRW", "₺": "TRY", "₴": "UAH", "₦": "NGN", "₱": "PHP", "₫": "VND",
    "₪": "ILS", "₿": "BTC", "฿": "THB", "₼": "AZN", "₾": "GEL", "₮": "MNT", "₲": "PYG",
    "KSh": "KES", "Ksh": "KES", "KShs": "KES", "USh": "UGX", "UShs": "UGX", "TSh": "TZS",
    "TShs": "TZS", "Sh": "KES", "Shs": "KES", "KD": "KWD", "JD": "JOD", "Rp": "IDR",
    "Rp.": "IDR", "R": "ZAR", "RM": "MYR", "Tk": "BDT", "Dh": "AED", "Dhs": "AED", "SR": "SAR",
    "QR": "QAR", "E£": "EGP", "LE": "EGP", "₡": "CRC", "₭": "LAK", "元": "CNY",
    "ரூ": "LKR", "₨": "PKR", "৳": "BDT", "₵": "GHS", "GH₵": "GHS", "GH¢": "GHS", "GHS": "GHS",
    "Rwf": "RWF", "RWf": "RWF", "FRw": "RWF", "Frw": "RWF", "FRW": "RWF", "Kshs": "KES",
    "Ush": "UGX", "Tsh": "TZS", "Tk.": "BDT",
    # single letters of national press ("N2.5 trillion", "P1.2 billion", "R500 million"):
    # money only with a magnitude or in a text about that country (AMBIGUOUS_LETTERS)
    "N": "NGN", "P": "PHP", "MK": "MWK",
}
#: Abbreviations in letters also written after the amount ("5 billion Rwf", "300 Ksh").
CURRENCY_AFTER: dict[str, str] = {
    "Rwf": "RWF", "RWf": "RWF", "FRw": "RWF", "Frw": "RWF", "KSh": "KES", "Ksh": "KES", "Kshs": "KES",
    "Tk": "BDT",
}
#: Prefixes that are also letters of names and codes ("the P5", "N95 masks", "R2 round",
#: "section R4"): read as money only when a magnitude follows or the text is about the
#: country of the currency (``numbers``, ``_numcontext.supports``).
AMBIGUOUS_LETTERS = word_set("N P R MK")
#: Below this an ambiguous letter's amount without a magnitude needs decimals or
#: separators to be money ("P12.50", "N1,500"): "N95", "R2", "P5" are names.
LETTER_MONEY_MIN = 100
# Lower-cased prefixes for tokenised, lower-cased text ("us $ 150 million", "c $ 16.4").
CURRENCY_PREFIX_LOWER: dict[str, str] = {
    "us$": "USD", "usd$": "USD", "us $": "USD", "u.s. $": "USD", "c $": "CAD", "c$": "CAD",
    "cad$": "CAD", "hk $": "HKD", "hk$": "HKD", "nz $": "NZD", "nz$": "NZD", "nzd$": "NZD",
    "aud$": "AUD", "mex$": "MXN", "mx$": "MXN", "mxn$": "MXN", "rs": "INR", "rs.": "INR",
    "s $": "SGD", "r $": "BRL", "kenya shillings": "KES", "uganda shillings": "UGX",
    "tanzania shillings": "TZS",
}

# Currency names written after the amount (lower case; plural forms added by the loader).
# Values: ISO code.  Sub-units are in CURRENCY_SUBUNITS.
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD",
    "canadian dollar": "CAD", "australian dollar": "AUD", "new zealand dollar": "NZD",
    "pounds sterling": "GBP",
    "hong kong dollar": "HKD", "singapore dollar": "SGD", "taiwan dollar": "TWD",
    "new taiwan dollar": "TWD", "euro": "EUR", "pound sterling": "GBP", "british pound": "GBP",
    "sterling": "GBP", "yen": "JPY", "japanese yen": "JPY", "yuan": "CNY", "chinese yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "indian rupee": "INR", "pakistani rupee": "PKR",
    "pakistan rupee": "PKR", "sri lankan rupee": "LKR", "sri lanka rupee": "LKR",
    "nepalese rupee": "NPR", "rouble": "RUB", "ruble": "RUB", "russian rouble": "RUB",
    "russian ruble": "RUB", "belarusian ruble": "BYN", "belarusian rouble": "BYN", "tenge": "KZT",
    "kazakh tenge": "KZT", "kyrgyz som": "KGS", "som": "KGS", "uzbek sum": "UZS", "soum": "UZS",
    "so'm": "UZS", "manat": "AZN", "azerbaijani manat": "AZN", "turkmen manat": "TMT",
    "lari": "GEL", "georgian lari": "GEL", "dram": "AMD", "armenian dram": "AMD",
    "hryvnia": "UAH", "hryvnya": "UAH", "hryvnias": "UAH", "zloty": "PLN", "zlotys": "PLN",
    "zlotych": "PLN", "forint": "HUF", "koruna": "CZK", "czech koruna": "CZK", "krona": "SEK",
    "kronor": "SEK", "swedish krona": "SEK", "swedish kronor": "SEK", "icelandic krona": "ISK",
    "krone": "NOK", "kroner": "NOK", "norwegian krone": "NOK", "norwegian kroner": "NOK",
    "danish krone": "DKK", "danish kroner": "DKK", "lira": "TRY", "turkish lira": "TRY",
    "lire": "ITL", "italian lira": "ITL", "peso": "MXN", "mexican peso": "MXN",
    "philippine peso": "PHP", "argentine peso": "ARS", "chilean peso": "CLP",
    "colombian peso": "COP", "reais": "BRL", "brazilian real": "BRL", "rand": "ZAR",
    "south african rand": "ZAR", "naira": "NGN", "shilling": "KES", "kenyan shilling": "KES",
    "ugandan shilling": "UGX", "tanzanian shilling": "TZS", "cedi": "GHS", "birr": "ETB",
    "kwacha": "ZMW", "korean won": "KRW", "south korean won": "KRW", "baht": "THB",
    "ringgit": "MYR", "rupiah": "IDR", "dong": "VND", "dirham": "AED", "uae dirham": "AED",
    "moroccan dirham": "MAD", "riyal": "SAR", "saudi riyal": "SAR", "qatari riyal": "QAR",
    "rial": "IRR", "iranian rial": "IRR", "omani rial": "OMR", "kuwaiti dinar": "KWD",
    "iraqi dinar": "IQD", "jordanian dinar": "JOD", "serbian dinar": "RSD",
    "algerian dinar": "DZD", "tunisian dinar": "TND", "bahraini dinar": "BHD", "taka": "BDT",
    "dinar": "IQD", "libyan dinar": "LYD", "macedonian denar": "MKD", "yemeni rial": "YER",
    "zambian kwacha": "ZMW", "malawian kwacha": "MWK", "moldovan leu": "MDL", "romanian leu": "RON",
    "mauritian rupee": "MUR", "nepali rupee": "NPR", "somali shilling": "SOS",
    "kyat": "MMK", "tugrik": "MNT", "somoni": "TJS", "afghani": "AFN", "kip": "LAK",
    "riel": "KHR", "colón": "CRC", "colones": "CRC", "costa rican colón": "CRC",
    "lempira": "HNL", "quetzal": "GTQ", "nuevo sol": "PEN", "soles": "PEN", "bolivar": "VES",
    "guarani": "PYG", "franc": "CHF", "swiss franc": "CHF", "french franc": "FRF",
    "belgian franc": "BEF", "cfa franc": "XOF", "markka": "FIM", "finnish markka": "FIM",
    "peseta": "ESP", "guilder": "NLG", "dutch guilder": "NLG", "deutsche mark": "DEM",
    "deutschmark": "DEM", "d-mark": "DEM", "lev": "BGN", "leva": "BGN", "leu": "RON",
    "lei": "RON", "shekel": "ILS", "new shekel": "ILS", "pula": "BWP", "bitcoin": "BTC",
    "lek": "ALL", "denar": "MKD", "escudo": "PTE", "drachma": "GRD", "punt": "IEP",
    "schilling": "ATS",
    "rwandan franc": "RWF", "burundian franc": "BIF", "congolese franc": "CDF", "guinean franc": "GNF",
    "djiboutian franc": "DJF", "nigerian naira": "NGN", "ghanaian cedi": "GHS", "ghana cedi": "GHS",
    "bangladeshi taka": "BDT", "indonesian rupiah": "IDR", "malaysian ringgit": "MYR", "thai baht": "THB",
    "vietnamese dong": "VND", "egyptian pound": "EGP", "kenya shilling": "KES", "uganda shilling": "UGX",
    "tanzania shilling": "TZS", "ethiopian birr": "ETB", "brazilian reais": "BRL",
}

# Sub-units: (ISO code, factor).  "50 cents" is 0.5 USD.
CURRENCY_SUBUNITS: dict[str, tuple[str, float]] = {
    "cent": ("USD", 0.01), "cents": ("USD", 0.01), "euro cent": ("EUR", 0.01),
    "euro cents": ("EUR", 0.01), "penny": ("GBP", 0.01), "pence": ("GBP", 0.01),
    "kopeck": ("RUB", 0.01), "kopecks": ("RUB", 0.01), "kopek": ("RUB", 0.01),
    "kopeks": ("RUB", 0.01), "tiyn": ("KZT", 0.01), "paise": ("INR", 0.01),
    "satoshi": ("BTC", 1e-8), "satoshis": ("BTC", 1e-8), "dime": ("USD", 0.1),
    "dimes": ("USD", 0.1),
}

# Physical and other units: surface (lower case unless in PHYSICAL_SYMBOLS) -> (symbol, factor).
# Plurals of single words are added by the loader ("kilometre" -> "kilometres").
PHYSICAL_WORDS: dict[str, tuple[str, float]] = {
    # length
    "metre": ("m", 1), "meter": ("m", 1), "kilometre": ("km", 1), "kilometer": ("km", 1),
    "centimetre": ("cm", 1), "centimeter": ("cm", 1), "millimetre": ("mm", 1),
    "millimeter": ("mm", 1), "decimetre": ("dm", 1), "decimeter": ("dm", 1),
    "micrometre": ("µm", 1), "micrometer": ("µm", 1), "micron": ("µm", 1),
    "nanometre": ("nm", 1), "nanometer": ("nm", 1), "picometre": ("pm", 1),
    "picometer": ("pm", 1), "mile": ("mi", 1), "foot": ("ft", 1), "feet": ("ft", 1),
    "inch": ("in", 1), "inches": ("in", 1), "yard": ("yd", 1), "nautical mile": ("nmi", 1),
    # area
    "square metre": ("m2", 1), "square meter": ("m2", 1), "sq m": ("m2", 1), "sq. m": ("m2", 1),
    "sqm": ("m2", 1), "square kilometre": ("km2", 1), "square kilometer": ("km2", 1),
    "sq km": ("km2", 1), "sq. km": ("km2", 1), "sq. km.": ("km2", 1), "square foot": ("ft2", 1),
    "square feet": ("ft2", 1), "sq ft": ("ft2", 1), "sq. ft": ("ft2", 1), "sq. ft.": ("ft2", 1),
    "square mile": ("mi2", 1), "sq mi": ("mi2", 1), "square centimetre": ("cm2", 1),
    "square centimeter": ("cm2", 1), "hectare": ("ha", 1), "acre": ("acre", 1),
    # volume
    "cubic metre": ("m3", 1), "cubic meter": ("m3", 1), "cu m": ("m3", 1),
    "cubic kilometre": ("km3", 1), "cubic kilometer": ("km3", 1), "cubic centimetre": ("cm3", 1),
    "cubic centimeter": ("cm3", 1), "cubic foot": ("ft3", 1), "cubic feet": ("ft3", 1),
    "cu ft": ("ft3", 1), "litre": ("l", 1), "liter": ("l", 1), "millilitre": ("ml", 1),
    "milliliter": ("ml", 1), "centilitre": ("cl", 1), "centiliter": ("cl", 1),
    "hectolitre": ("hl", 1), "hectoliter": ("hl", 1), "gallon": ("gal", 1), "barrel": ("bbl", 1),
    "cup": ("cup", 1), "tablespoon": ("tbsp", 1), "teaspoon": ("tsp", 1), "tbsp": ("tbsp", 1),
    "tsp": ("tsp", 1), "fluid ounce": ("floz", 1), "fl oz": ("floz", 1), "pint": ("pt", 1),
    "quart": ("qt", 1), "billion cubic metre": ("m3", 1e9), "billion cubic meter": ("m3", 1e9),
    "bcm": ("m3", 1e9), "tcf": ("ft3", 1e12), "trillion cubic feet": ("ft3", 1e12),
    "m squared": ("m2", 1), "km squared": ("km2", 1), "cm squared": ("cm2", 1),
    "ft squared": ("ft2", 1), "m cubed": ("m3", 1), "km cubed": ("km3", 1), "cm cubed": ("cm3", 1),
    "ft cubed": ("ft3", 1), "tpd": ("t/d", 1), "bpd": ("bbl/d", 1), "b/d": ("bbl/d", 1),
    # mass
    "kilogram": ("kg", 1), "kilogramme": ("kg", 1), "kilo": ("kg", 1), "gram": ("g", 1),
    "gramme": ("g", 1), "milligram": ("mg", 1), "milligramme": ("mg", 1),
    "microgram": ("µg", 1), "microgramme": ("µg", 1), "mcg": ("µg", 1), "tonne": ("t", 1),
    "ton": ("t", 1), "metric ton": ("t", 1), "metric tonne": ("t", 1), "ounce": ("oz", 1),
    "troy ounce": ("ozt", 1), "lb": ("lb", 1), "lbs": ("lb", 1), "carat": ("ct", 1),
    "centner": ("t", 0.1), "quintal": ("t", 0.1),  # 100 kg, for harvests in centners per hectare
    # energy, power, electricity
    "watt": ("W", 1), "kilowatt": ("kW", 1), "megawatt": ("MW", 1), "gigawatt": ("GW", 1),
    "terawatt": ("TW", 1), "watt hour": ("Wh", 1), "watt-hour": ("Wh", 1),
    "kilowatt hour": ("kWh", 1), "kilowatt-hour": ("kWh", 1), "megawatt hour": ("MWh", 1),
    "megawatt-hour": ("MWh", 1), "gigawatt hour": ("GWh", 1), "gigawatt-hour": ("GWh", 1),
    "terawatt hour": ("TWh", 1), "terawatt-hour": ("TWh", 1), "joule": ("J", 1),
    "kilojoule": ("kJ", 1), "megajoule": ("MJ", 1), "gigajoule": ("GJ", 1),
    "calorie": ("cal", 1), "kilocalorie": ("kcal", 1), "electronvolt": ("eV", 1),
    "electron volt": ("eV", 1), "british thermal unit": ("BTU", 1), "btu": ("BTU", 1),
    "horsepower": ("hp", 1), "volt": ("V", 1), "kilovolt": ("kV", 1), "ampere": ("A", 1),
    "amp": ("A", 1), "hertz": ("Hz", 1), "kilohertz": ("kHz", 1), "megahertz": ("MHz", 1),
    "gigahertz": ("GHz", 1),
    # data
    "bit": ("bit", 1), "byte": ("B", 1), "kilobyte": ("kB", 1), "megabyte": ("MB", 1),
    "gigabyte": ("GB", 1), "terabyte": ("TB", 1), "petabyte": ("PB", 1), "exabyte": ("EB", 1),
    "kilobit": ("kbit", 1), "megabit": ("Mbit", 1), "gigabit": ("Gbit", 1), "mb": ("Mbit", 1),
    "kb": ("kbit", 1), "gb": ("Gbit", 1), "mbps": ("Mbit/s", 1), "gbps": ("Gbit/s", 1),
    "kbps": ("kbit/s", 1),
    # speed
    "kph": ("km/h", 1), "kmph": ("km/h", 1), "km/hr": ("km/h", 1), "kmh": ("km/h", 1),
    "kilometres per hour": ("km/h", 1), "kilometers per hour": ("km/h", 1),
    "kilometres an hour": ("km/h", 1), "kilometers an hour": ("km/h", 1), "mph": ("mph", 1),
    "miles per hour": ("mph", 1), "miles an hour": ("mph", 1), "metres per second": ("m/s", 1),
    "meters per second": ("m/s", 1), "knot": ("kn", 1),
    # temperature
    "degrees celsius": ("°C", 1), "degree celsius": ("°C", 1), "celsius": ("°C", 1),
    "centigrade": ("°C", 1), "degrees centigrade": ("°C", 1), "deg c": ("°C", 1),
    "degrees fahrenheit": ("°F", 1), "degree fahrenheit": ("°F", 1), "fahrenheit": ("°F", 1),
    "deg f": ("°F", 1), "kelvin": ("K", 1), "degree": ("°", 1), "degrees": ("°", 1),
    # angle
    "radian": ("rad", 1), "turn": ("turn", 1),
    # time (durations)
    "year": ("year", 1), "yr": ("year", 1), "yrs": ("year", 1), "month": ("month", 1),
    "week": ("week", 1), "day": ("d", 1), "hour": ("h", 1), "hr": ("h", 1), "hrs": ("h", 1),
    "minute": ("min", 1), "mins": ("min", 1), "second": ("s", 1), "sec": ("s", 1),
    "secs": ("s", 1), "millisecond": ("ms", 1), "decade": ("decade", 1),
    "century": ("century", 1), "centuries": ("century", 1),
    # ratios
    "percent": ("%", 1), "per cent": ("%", 1), "pct": ("%", 1), "percentage": ("%", 1),
    "per mille": ("‰", 1), "percentage point": ("pp", 1), "pp": ("pp", 1), "p.p.": ("pp", 1),
    "basis point": ("pp", 0.01), "bps": ("pp", 0.01), "bp": ("pp", 0.01), "ppm": ("ppm", 1),
    "ppb": ("ppm", 0.001),
}

# Case-sensitive symbols (glued or spaced after the number).
PHYSICAL_SYMBOLS: dict[str, tuple[str, float]] = {
    "m": ("m", 1), "km": ("km", 1), "cm": ("cm", 1), "mm": ("mm", 1), "dm": ("dm", 1),
    "µm": ("µm", 1), "μm": ("µm", 1), "um": ("µm", 1), "nm": ("nm", 1), "mi": ("mi", 1),
    "ft": ("ft", 1), "yd": ("yd", 1), "nmi": ("nmi", 1), "Km": ("km", 1), "KM": ("km", 1),
    "m2": ("m2", 1), "m²": ("m2", 1), "km2": ("km2", 1), "km²": ("km2", 1), "cm2": ("cm2", 1),
    "cm²": ("cm2", 1), "ft2": ("ft2", 1), "ft²": ("ft2", 1), "mi2": ("mi2", 1), "ha": ("ha", 1),
    "m3": ("m3", 1), "m³": ("m3", 1), "km3": ("km3", 1), "km³": ("km3", 1), "cm3": ("cm3", 1),
    "cm³": ("cm3", 1), "cc": ("cm3", 1), "ft3": ("ft3", 1), "ft³": ("ft3", 1), "l": ("l", 1),
    "L": ("l", 1), "ml": ("ml", 1), "mL": ("ml", 1), "cl": ("cl", 1), "dl": ("dl", 1),
    "hl": ("hl", 1), "gal": ("gal", 1), "bbl": ("bbl", 1), "Mbbl": ("bbl", 1e6),
    "kg": ("kg", 1), "g": ("g", 1), "mg": ("mg", 1), "µg": ("µg", 1), "μg": ("µg", 1),
    "t": ("t", 1), "Mt": ("t", 1e6), "kt": ("t", 1e3), "Gt": ("t", 1e9), "oz": ("oz", 1),
    "W": ("W", 1), "kW": ("kW", 1), "KW": ("kW", 1), "MW": ("MW", 1), "GW": ("GW", 1),
    "TW": ("TW", 1), "Wh": ("Wh", 1), "kWh": ("kWh", 1), "KWh": ("kWh", 1), "kwh": ("kWh", 1),
    "MWh": ("MWh", 1), "GWh": ("GWh", 1), "TWh": ("TWh", 1), "J": ("J", 1), "kJ": ("kJ", 1),
    "MJ": ("MJ", 1), "GJ": ("GJ", 1), "TJ": ("TJ", 1), "PJ": ("PJ", 1), "cal": ("cal", 1),
    "kcal": ("kcal", 1), "eV": ("eV", 1), "keV": ("keV", 1), "MeV": ("MeV", 1),
    "GeV": ("GeV", 1), "TeV": ("TeV", 1), "BTU": ("BTU", 1), "Btu": ("BTU", 1),
    "hp": ("hp", 1), "V": ("V", 1), "kV": ("kV", 1), "mA": ("mA", 1), "Hz": ("Hz", 1),
    "kHz": ("kHz", 1), "MHz": ("MHz", 1), "GHz": ("GHz", 1), "Gy": ("Gy", 1),
    "mGy": ("mGy", 1), "Sv": ("Sv", 1), "mSv": ("mSv", 1), "µSv": ("µSv", 1), "Bq": ("Bq", 1),
    "KB": ("kB", 1), "kB": ("kB", 1), "MB": ("MB", 1), "GB": ("GB", 1), "TB": ("TB", 1),
    "PB": ("PB", 1), "EB": ("EB", 1), "KiB": ("KiB", 1), "MiB": ("MiB", 1), "GiB": ("GiB", 1),
    "kbit": ("kbit", 1), "Kb": ("kbit", 1), "Mb": ("Mbit", 1), "Gb": ("Gbit", 1),
    "Mbit": ("Mbit", 1), "Gbit": ("Gbit", 1), "Mbps": ("Mbit/s", 1), "Gbps": ("Gbit/s", 1),
    "kbps": ("kbit/s", 1), "Kbps": ("kbit/s", 1), "km/h": ("km/h", 1), "m/s": ("m/s", 1),
    "km/s": ("km/s", 1), "kn": ("kn", 1), "°C": ("°C", 1), "ºC": ("°C", 1), "℃": ("°C", 1),
    "°F": ("°F", 1), "ºF": ("°F", 1), "℉": ("°F", 1), "°": ("°", 1), "º": ("°", 1),
    "rad": ("rad", 1), "h": ("h", 1), "min": ("min", 1), "s": ("s", 1), "ms": ("ms", 1),
    "%": ("%", 1), "pc": ("%", 1), "‰": ("‰", 1), "s-1": ("Hz", 1), "s⁻¹": ("Hz", 1), "m/s2": ("m/s2", 1),
}

# Pint expressions for every canonical non-currency symbol (validated in tests).
PINT: dict[str, str] = {
    "m": "meter", "km": "kilometer", "cm": "centimeter", "mm": "millimeter", "dm": "decimeter",
    "µm": "micrometer", "nm": "nanometer", "pm": "picometer", "am": "attometer", "mi": "mile",
    "ft": "foot", "in": "inch", "yd": "yard", "nmi": "nautical_mile", "m2": "meter**2",
    "km2": "kilometer**2", "cm2": "centimeter**2", "ft2": "foot**2", "mi2": "mile**2",
    "ha": "hectare", "acre": "acre", "m3": "meter**3", "km3": "kilometer**3",
    "cm3": "centimeter**3", "ft3": "foot**3", "l": "liter", "ml": "milliliter",
    "cl": "centiliter", "dl": "deciliter", "hl": "hectoliter", "gal": "gallon",
    "bbl": "oil_barrel", "cup": "cup", "tbsp": "tablespoon", "tsp": "teaspoon",
    "floz": "fluid_ounce", "pt": "pint", "qt": "quart", "kg": "kilogram", "g": "gram",
    "mg": "milligram", "µg": "microgram", "t": "tonne", "oz": "ounce", "ozt": "troy_ounce",
    "lb": "pound", "ct": "carat", "W": "watt", "kW": "kilowatt", "MW": "megawatt",
    "GW": "gigawatt", "TW": "terawatt", "Wh": "watt_hour", "kWh": "kilowatt_hour",
    "MWh": "megawatt_hour", "GWh": "gigawatt_hour", "TWh": "terawatt_hour", "J": "joule",
    "kJ": "kilojoule", "MJ": "megajoule", "GJ": "gigajoule", "TJ": "terajoule",
    "PJ": "petajoule", "cal": "calorie", "kcal": "kilocalorie", "eV": "electron_volt",
    "keV": "kiloelectron_volt", "MeV": "megaelectron_volt", "GeV": "gigaelectron_volt",
    "TeV": "teraelectron_volt", "BTU": "british_thermal_unit", "hp": "horsepower", "V": "volt",
    "kV": "kilovolt", "A": "ampere", "mA": "milliampere", "Hz": "hertz", "kHz": "kilohertz",
    "MHz": "megahertz", "GHz": "gigahertz", "Gy": "gray", "mGy": "milligray", "Sv": "sievert",
    "mSv": "millisievert", "µSv": "microsievert", "Bq": "becquerel", "bit": "bit", "B": "byte",
    "kB": "kilobyte", "MB": "megabyte", "GB": "gigabyte", "TB": "terabyte", "PB": "petabyte",
    "EB": "exabyte", "KiB": "kibibyte", "MiB": "mebibyte", "GiB": "gibibyte",
    "kbit": "kilobit", "Mbit": "megabit", "Gbit": "gigabit", "kbit/s": "kilobit/second",
    "Mbit/s": "megabit/second", "Gbit/s": "gigabit/second", "km/h": "kilometer/hour",
    "mph": "mile/hour", "m/s": "meter/second", "km/s": "kilometer/second", "kn": "knot",
    "°C": "degC", "°F": "degF", "K": "kelvin", "°": "degree", "rad": "radian", "turn": "turn",
    "year": "year", "month": "month", "week": "week", "d": "day", "h": "hour",
    "min": "minute", "s": "second", "ms": "millisecond", "decade": "decade",
    "century": "century", "%": "percent", "pp": "percent", "‰": "permille", "ppm": "ppm",
}

# Nouns a rate can be "per" that are not units ("$1.40 a share" -> USD/share).
RATE_NOUNS: dict[str, str] = {
    "share": "share", "person": "person", "capita": "person", "head": "person",
    "household": "household", "family": "household", "passenger": "passenger",
    "student": "student", "pupil": "pupil", "employee": "employee", "worker": "worker",
    "resident": "person", "citizen": "person", "inhabitant": "person", "vehicle": "vehicle",
    "unit": "unit", "dose": "dose", "ticket": "ticket", "annum": "year", "trip": "trip",
}

# Magnitude words (lower case) -> power of ten.
MAGNITUDE_WORDS: dict[str, int] = {
    "thousand": 3, "million": 6, "billion": 9, "trillion": 12, "quadrillion": 15,
    "lakh": 5, "lac": 5, "lakhs": 5, "crore": 7, "crores": 7,
}
# Abbreviated magnitudes (case-sensitive) -> (power of ten, only after a currency).
# "m" and "T" are metres and teslas unless money is being counted ("$5m", "$2.174T").
MAGNITUDE_ABBR: dict[str, tuple[int, bool]] = {
    "k": (3, False), "K": (3, False), "thou": (3, False), "M": (6, False), "MM": (6, False),
    "m": (6, True), "mn": (6, False), "mln": (6, False), "Mln": (6, False), "mil": (6, False),
    "bn": (9, False), "Bn": (9, False), "BN": (9, False), "bln": (9, False), "b": (9, False),
    "B": (9, False), "tn": (12, False), "tln": (12, False), "trn": (12, False),
    "T": (12, True), "cr": (7, False),
}
