"""Word lists for the kinds stage.  Lower-case; each list says what its words signal."""

from __future__ import annotations

import re


def _w(s: str) -> frozenset[str]:
    return frozenset(s.split())


#: Words in a verb group (or governing it) that mark an expectation or projection.
FORECAST = _w(
    """
    expected expect expects expecting forecast forecasts forecasted forecasting projected projecting
    estimating predicting anticipating
    likely unlikely anticipated anticipate anticipates predicted predict predicts estimated
    assumed assumes assume assuming assumption seen outlook projection projections prognosis
    should could may might probably possibly
    """
)
#: Words that mark a goal, plan or commitment.
TARGET = _w(
    """
    will shall 'll wo would plan plans planned planning aim aims aimed aiming intend intends
    intended intending target targets targeted targeting envisage envisages envisaged
    envisaging foresee foresees pledge pledges pledged promise promises promised commit
    commits committed must scheduled slated due earmarked budgeted seeks seek goal goals
    objective objectives task tasks priority priorities ambition mission instructed ordered
    tasked directed urged mandated obliged instructs orders tasks directs urges proposes propose
    proposing
    """
) | {"provides for"}
#: Nouns that, as the subject of "is/are", make the figure a goal ("the target is 5%").
TARGET_NOUNS = _w(
    "goal goals target targets aim objective objectives task tasks plan plans ambition priority"
)
#: Nouns that, as subject, make the figure a projection ("the IMF's forecast is 4%").
FORECAST_NOUNS = _w("forecast forecasts projection projections outlook estimate estimates prognosis")

#: Auxiliaries and modals: read as part of the verb group they start.
AUX_PAST = _w("was were had did")
AUX_PRESENT = _w("is are am has have does do 's")
AUX_BE = _w("be been being")
ADVERBS = _w(
    """
    not n't also already still further only now even just nearly almost again currently
    successfully fully reportedly officially initially jointly annually ultimately largely
    eventually gradually soon finally presently originally previously recently so far
    """
)
#: Present-tense verbs of state: the figure is the present condition.
STATUS_VERBS = _w(
    """
    employ employs rank ranks stand stands account accounts amount amounts total totals remain
    remains exceed exceeds comprise comprises include includes cover covers hold holds house
    houses serve serves count counts represent represents equal equals reach reaches number
    numbers operate operates own owns produce produces contain contains constitute
    constitutes cost costs stay stays consist consists host hosts unite unites earn earns
    generate generates make makes exist exists lie lies sit sits top tops hover hovers
    """
)
#: Determiners: after "to" they make it a preposition, not an infinitive marker.
DETERMINERS = _w("the a an its their his her our this that these those")
#: Present tense of change verbs: in headlines and news leads they report what happened
#: ("Inflation slows to 9.4% in February").
CHANGE_PRESENT = _w(
    """
    slows rises falls grows jumps drops hits climbs declines increases decreases
    narrows widens eases accelerates doubles triples surges soars plunges slumps tumbles edges
    """
)
#: Irregular past tenses (regular ones end in -ed).
PAST_IRREGULAR = _w(
    """
    built rose grew fell made took became began saw won gave got went came spent sold bought
    brought kept left lost met paid ran sent stood held led overtook drew drove broke
    chose dealt fed felt found flew froze hit hurt knew laid meant rode shook shot shut sank
    sat spoke split spread stole struck swept taught tore thought threw understood wrote
    undertook withdrew overcame oversaw underwent outgrew rebuilt cut
    """
)
#: Irregular past participles ("have come", "has grown", "was given").
PARTICIPLES_IRREGULAR = _w(
    """
    come become done gone seen given taken grown risen fallen shown known drawn driven written
    begun won run made undertaken overtaken withdrawn broken chosen spoken stolen frozen hidden
    """
)
#: Verbs of forecasting that are also plural nouns ("energy projects", "the estimates"):
#: read as verbs only after a name or an institution ("The Bank projects inflation ...").
FORECAST_VERBS_AMBIGUOUS = _w("projects project estimates estimate sees forecasts expects predicts")
#: Of those, the forms that are never nouns: after "and" they start a predicate ("... and
#: sees inflation at 4%").
FORECAST_VERBS_ONLY = _w("sees expects predicts")
#: Indicators a forecast verb takes as its object: after them an ambiguous form is the verb
#: ("the budget projects revenues of ...", "the Treasury estimates spending at ...").
FORECAST_OBJECTS = _w(
    """
    revenue revenues spending expenditure expenditures growth inflation deficit deficits debt
    output exports imports gdp prices unemployment surplus earnings
    """
)
INSTITUTIONS = _w(
    """
    bank government ministry ministries imf fund commission office treasury it he she they we
    which who cabinet board authority agency council minister president economists analysts
    experts observers forecasters officials
    """
)
#: Nouns naming a plan a figure belongs to ("the 2024 Appropriation Bill of N28.7 trillion",
#: "a 115.5 trillion yen budget for fiscal 2025"): for the current or a future year the
#: figure is a target, whatever verb reports the plan's adoption.
PLAN_NOUNS = _w(
    "budget budgets appropriation appropriations bill allocation allocations envelope plan programme program"
)
#: Nouns of money planned: with a verb adopting (BUDGET_ADOPT) or resizing (BUDGET_RESIZE)
#: it the figure is a target ("the minister tabled a budget of X", "the allocation for
#: health was raised to X"); spending and expenditure only when adopted, since "spending
#: rose to X" reports money spent.
SPENDING_NOUNS = _w("spending expenditure expenditures outlay outlays")
BUDGET_NOUNS = SPENDING_NOUNS | _w(
    "budget budgets allocation allocations appropriation appropriations envelope"
)
BUDGET_ADOPT = _w(
    """
    tabled proposed presented approved adopted passed unveiled submitted allocated earmarked aside
    budgeted appropriated allotted sanctioned reserved
    """
)
BUDGET_RESIZE = _w("raised increased hiked boosted cut reduced lowered trimmed")
#: Of BUDGET_ADOPT, the verbs that set money aside by themselves, with no budget noun
#: ("2 billion has been allocated to health").
MONEY_SET_ASIDE = _w("allocated earmarked aside budgeted appropriated")
#: Allocation verbs: "has been allocated for 2024-25" commits money for that period.
ALLOCATION_VERBS = _w(
    "allocated earmarked budgeted appropriated allotted approved provided sanctioned reserved set"
)
#: Words of an assumption behind a plan ("based on an oil price of $80").
ASSUMPTION = _w("benchmark assumption assumptions premised")
#: Words ending in -ed that are not past-tense verbs of a claim (adjectives, nouns).
NOT_PAST = _w(
    """
    need speed seed feed bed red hundred shed breed indeed proceed exceed succeed united
    limited based so-called called related dedicated advanced developed detailed skilled
    qualified registered installed consolidated combined integrated unified specialized
    specialised interested concerned named listed required proposed approved adjusted
    seasonally-adjusted inflation-adjusted annualized annualised weighted sustained fixed
    armed licensed insured unemployed disabled aged retired
    """
)
#: Words of NOT_PAST that are past-tense verbs after a noun and before their object.
NOT_PAST_VERBS = _w("approved proposed registered installed combined developed adjusted fixed")
#: Verbs that report speech; the claim is in the clause they introduce.
REPORTING = _w(
    """
    said says say noted notes stated states told tells announced announces reported reports
    stressed stresses emphasised emphasized emphasises emphasizes added adds recalled recalls
    explained explains pointed mentioned mentions underlined underlines highlighted
    highlights informed informs declared declares confirmed confirms claimed claims wrote
    writes recounted according revealed reveals
    """
)
#: Verbs that set a goal or a forecast to a level: with a goal or forecast noun as
#: subject, the figure is that goal ("the target was raised to 5%", "the forecast was cut").
SETTING_VERBS = _w("set fixed put pegged capped placed raised lowered revised cut trimmed increased reduced")
#: Verbs that revise a forecast ("raised its forecast to 2.5% from 2.2%"): the earlier
#: value is the earlier forecast, not the present level.
REVISION_VERBS = SETTING_VERBS | _w("upgraded downgraded lifted slashed hiked boosted updated")
#: Words that say a figure holds now ("currently 34.6%", "are now under construction").
PRESENT_WORDS = _w("currently now presently today nowadays present")
#: Verbs of keeping a level: in the present perfect they describe a lasting state ("the
#: policy rate has been held at 27% since March", "has remained at 5%").
KEEP_VERBS = _w("held kept maintained remained stayed unchanged frozen pegged left")
#: Verbs of keeping a level that report a decision not to move it ("left its key rate at
#: 16.5%", "kept rates unchanged at 9%"): the figure is the level that holds, a status.
LEVEL_KEEP_VERBS = _w("kept held left maintained unchanged")
#: Bound words that may stand between a verb and its figure ("reported over $2 billion").
OBJECT_BOUNDS = _w("over almost nearly about around some approximately roughly more less just up")
#: Verbs of reporting that also take a figure as their object ("added 900 km").
REPORTING_TRANSITIVE = _w("added adds reported reports announced announces revealed reveals")
#: Words that begin a new clause after a comma (a left scan for the verb stops there).
CLAUSE_STARTERS = _w("and but while whereas which who although though as when where so yet")

#: "According to" these is a projection or estimate, not a measured outcome.
FORECASTERS = re.compile(
    r"\baccording\s+to\s+(?:the\s+)?(?:latest\s+|preliminary\s+|updated\s+|new\s+)?"
    r"(?:imf|international\s+monetary\s+fund|world\s+bank|asian\s+development\s+bank|adb|ebrd|"
    r"oecd|eiu|fitch|moody'?s|s&p|standard\s+&\s+poor'?s|analysts?|experts?|economists?|"
    r"forecasts?|projections?|estimates?|the\s+(?:\w+\s+)?forecast|consensus|rating\s+agenc\w+|"
    r"(?:the\s+)?(?:imf|world\s+bank)'s)",
    re.I,
)
#: A verb of expecting that governs a that-clause: "the bank expects that inflation ...".
FORECAST_MATRIX = _w(
    "expects expect expected forecasts forecast predicts predicted projects projected anticipates"
    " believes estimates estimated"
)

#: The same verbs when they take a clause without "that" ("officials project the rate
#: will fall"); base forms included, since the subject is often plural.
FORECAST_MATRIX_BARE = _w(
    "expect expects project projects forecast forecasts predict predicts anticipate anticipates see sees"
)
#: Participles that, right after a figure, say what it is: "the 2.7% projected in July",
#: "the 90.3 million tonnes planned".
FORECAST_PARTICIPLES = _w("projected forecast expected estimated predicted")
PLAN_PARTICIPLES = _w("planned targeted budgeted envisaged")
#: Participles after a figure's noun that make the figure a plan: "the 300 projects
#: announced in 2022", "the 217 schools promised".
ANNOUNCED_PLANS = PLAN_PARTICIPLES | _w("announced promised pledged proposed envisaged")
#: "is complete", "was finished": a state of having been done.
DONE_ADJECTIVES = _w("complete completed finished done over operational")
#: Decisions to act: "agreed to provide EUR 50 billion between 2024 and 2027".
DECISION_VERBS = _w("agreed decided pledged promised committed undertook vowed resolved")
#: Verbs of concrete action a commitment without a number is made of.
COMMIT_VERBS = _w(
    """
    host open build complete launch introduce chair hold adopt construct commission create
    start begin finish pay sign establish organise organize implement modernise modernize
    renovate repair reconstruct raise increase reduce cut double triple allocate invest
    privatise privatize hire train provide deliver install connect digitise digitize gasify
    expand extend set put reach achieve eliminate abolish lower submit approve pass reform
    transfer return prepare develop draft publish conduct carry opened built completed
    launched introduced held hosted adopted constructed commissioned created started
    established implemented finished paid signed put delivered installed connected approved
    passed submitted published conducted carried transferred allocated invested hired trained
    """
)
#: Verbs of promising and of ordering others: before "to" + a concrete action they make a
#: commitment without a number ("has pledged to open the bridge by 2027", "instructed the
#: government to launch the register by July").
PLEDGE_VERBS = _w("pledged pledges pledge promised promises promise vowed vows")
INSTRUCT_VERBS = _w("instructed instructs ordered orders tasked tasks directed directs")
#: Subjects that do not act: with "will" they make a forecast, not a commitment.
NON_AGENTS = _w(
    """
    prices price inflation growth economy tenge currency rate rates demand supply output
    production exports imports unemployment deficit debt market markets weather situation
    trend trends temperature temperatures costs cost income incomes wages revenue revenues
    """
)
#: Subjects whose "will" is an expectation, not a plan: nobody decides them ("inflation
#: will slow to 5%", "the economy will grow 4%"); budget lines are decided, so absent.
FORECAST_SUBJECTS = _w(
    """
    inflation prices price economy growth unemployment demand tenge rouble ruble lira naira
    rupee currency weather temperatures markets market
    """
)
#: Subjects that act: their reported "would" is a commitment ("the minister said the
#: government would build ..."); anything else's reported "would" is an expectation.
AGENTS = _w(
    """
    government governments ministry ministries cabinet administration authorities state
    president minister ministers premier we they he she i parliament congress assembly
    council city municipality region province company companies firm group utility operator
    agency department office bank fund board commission treasury country nation
    """
)
#: Verbs only an actor performs: after a reported "would" they make a commitment whoever
#: the subject is ("the minister said it would build 500 schools").
ACTOR_VERBS = _w(
    """
    build construct open hire recruit invest allocate spend create launch provide pay install
    connect deliver buy purchase disburse train sign establish renovate repair
    """
)
#: Verbs of belief or expectation governing a clause with "will": a forecast.
BELIEF_VERBS = _w(
    "believe believes believed think thinks thought expect expects expected predict predicts forecast"
    " forecasts estimate estimates hope hopes fear fears doubt doubts assume assumes likely"
)
#: Words of an indirect question: "how much the sale would raise" commits to nothing.
WH_WORDS = _w("how what whether why where when")
#: "It will help" / "this will allow": consequences, not commitments.
VAGUE_SUBJECTS = _w("it this that which these those such")
VAGUE_VERBS = _w(
    """
    help allow enable contribute make ensure improve strengthen become lead give boost support
    promote facilitate be serve bring create increase reduce have mean
    """
)
#: Words that make "will" a noun ("political will", "the will of the people").
WILL_NOUN_BEFORE = _w("the a political good free own people's popular strong his her their our its of")
#: A sentence with these before the modal is a condition or a question, not a commitment.
CONDITIONAL = _w("if unless whether otherwise")

#: Every word ``kinds._verb_category`` can read as part of a verb group, besides words
#: ending in "-ed": any other word never is one, so the tokenizer can say so at once
#: instead of the kinds and subject stages asking (tests/test_lang_fastpaths.py).
MAYBE_VERB = (
    REPORTING
    | FORECAST_VERBS_AMBIGUOUS
    | ASSUMPTION
    | FORECAST
    | TARGET
    | AUX_PAST
    | AUX_PRESENT
    | STATUS_VERBS
    | PAST_IRREGULAR
    | CHANGE_PRESENT
    | PARTICIPLES_IRREGULAR
    | NOT_PAST_VERBS
    | _w("provides provide provided due set going projects based been be")
)
