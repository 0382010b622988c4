"""The word lists of the kinds stage, typed (``data/kinds.toml``, read once).

Which words in a verb group or around a figure say what kind of figure it is: an actual
outcome, a target, a forecast, a status.  Read by ``extract/kinds.py`` and ``extract/_tokens.py``.
"""

from __future__ import annotations

import re
from functools import partial

from claimledger.resources import load, verbs, wordset

_DATA = load("kinds")


_words = partial(wordset, "kinds")


#: Words in a verb group (or governing it) that mark an expectation or projection.
FORECAST: frozenset[str] = _words("forecast")
#: Words that mark a goal, plan or commitment.
TARGET: frozenset[str] = _words("target")
#: Nouns that, as the subject of "is/are", make the figure a goal ("the target is 5%").
TARGET_NOUNS: frozenset[str] = _words("target_nouns")
#: Words that make a goal a standing one ("the 2% inflation target"), with no period.
STANDING_GOAL_WORDS: frozenset[str] = _words("standing_goal_words")
#: First-person verbs of instruction ("I instruct the Government to ..."): targets.
INSTRUCTION_VERBS: frozenset[str] = _words("instruction_verbs")
#: Patterns of a limit set by a rule or a budget ("capped at", "not to exceed"): targets.
LIMIT_PHRASES: tuple[str, ...] = tuple(load("kinds")["limit_phrases"])
#: Nouns that, as subject, make the figure a projection ("the IMF's forecast is 4%").
FORECAST_NOUNS: frozenset[str] = _words("forecast_nouns")
#: Auxiliaries and modals: read as part of the verb group they start.
AUX_PAST: frozenset[str] = _words("aux_past")
AUX_PRESENT: frozenset[str] = _words("aux_present")
AUX_BE: frozenset[str] = _words("aux_be")
ADVERBS: frozenset[str] = _words("adverbs")
#: Present-tense verbs of state: the figure is the present condition.
STATUS_VERBS: frozenset[str] = _words("status_verbs")
#: Determiners: after "to" they make it a preposition, not an infinitive marker.
DETERMINERS: frozenset[str] = _words("determiners")
#: Present tense of change verbs: in headlines and news leads they report what happened
#: ("Inflation slows to 9.4% in February").
CHANGE_PRESENT: frozenset[str] = _words("change_present") | verbs.change_forms(
    "up", "down", "multiply", tenses=("s",)
)
#: Irregular past tenses (regular ones end in -ed).
PAST_IRREGULAR: frozenset[str] = _words("past_irregular")
#: Irregular past participles ("have come", "has grown", "was given").
PARTICIPLES_IRREGULAR: frozenset[str] = _words("participles_irregular")
#: Verbs of forecasting that are also plural nouns ("energy projects", "the estimates"):
#: read as verbs only after a name or an institution ("The Bank projects inflation ...").
FORECAST_VERBS_AMBIGUOUS: frozenset[str] = _words("forecast_verbs_ambiguous")
#: Of those, the forms that are never nouns: after "and" they start a predicate ("... and
#: sees inflation at 4%").
FORECAST_VERBS_ONLY: frozenset[str] = _words("forecast_verbs_only")
#: Indicators a forecast verb takes as its object: after them an ambiguous form is the verb
#: ("the budget projects revenues of ...", "the Treasury estimates spending at ...").
FORECAST_OBJECTS: frozenset[str] = _words("forecast_objects")
INSTITUTIONS: frozenset[str] = _words("institutions")
#: Nouns naming a plan a figure belongs to ("the 2024 Appropriation Bill of N28.7 trillion",
#: "a 115.5 trillion yen budget for fiscal 2025"): for the current or a future year the
#: figure is a target, whatever verb reports the plan's adoption.
PLAN_NOUNS: frozenset[str] = _words("plan_nouns")
#: Nouns of money planned: with a verb adopting (BUDGET_ADOPT) or resizing (BUDGET_RESIZE)
#: it the figure is a target ("the minister tabled a budget of X", "the allocation for
#: health was raised to X"); spending and expenditure only when adopted, since "spending
#: rose to X" reports money spent.
SPENDING_NOUNS: frozenset[str] = _words("spending_nouns")
BUDGET_NOUNS: frozenset[str] = _words("budget_nouns") | SPENDING_NOUNS
BUDGET_ADOPT: frozenset[str] = _words("budget_adopt")
BUDGET_RESIZE: frozenset[str] = _words("budget_resize")
#: Word stems of budgeting ("allocat", "budget"): money set aside in a sentence with one and
#: no time of its own is for the budget year of its statement.
BUDGET_STEMS: tuple[str, ...] = tuple(sorted(_words("budget_stems")))
#: Of BUDGET_ADOPT, the verbs that set money aside by themselves, with no budget noun
#: ("2 billion has been allocated to health").
MONEY_SET_ASIDE: frozenset[str] = _words("money_set_aside")
#: Allocation verbs: "has been allocated for 2024-25" commits money for that period.
ALLOCATION_VERBS: frozenset[str] = _words("allocation_verbs")
#: Words of an assumption behind a plan ("based on an oil price of $80").
ASSUMPTION: frozenset[str] = _words("assumption")
#: Words ending in -ed that are not past-tense verbs of a claim (adjectives, nouns).
NOT_PAST: frozenset[str] = _words("not_past")
#: Words of NOT_PAST that are past-tense verbs after a noun and before their object.
NOT_PAST_VERBS: frozenset[str] = _words("not_past_verbs")
#: Verbs that report speech; the claim is in the clause they introduce.
REPORTING: frozenset[str] = _words("reporting")
#: Verbs that set a goal or a forecast to a level: with a goal or forecast noun as
#: subject, the figure is that goal ("the target was raised to 5%", "the forecast was cut").
SETTING_VERBS: frozenset[str] = _words("setting_verbs")
#: Verbs that revise a forecast ("raised its forecast to 2.5% from 2.2%"): the earlier
#: value is the earlier forecast, not the present level.
REVISION_VERBS: frozenset[str] = _words("revision_verbs") | SETTING_VERBS
#: Words that say a figure holds now ("currently 34.6%", "are now under construction").
PRESENT_WORDS: frozenset[str] = _words("present_words")
#: Verbs of keeping a level: in the present perfect they describe a lasting state ("the
#: policy rate has been held at 27% since March", "has remained at 5%").
KEEP_VERBS: frozenset[str] = _words("keep_verbs")
#: Verbs of keeping a level that report a decision not to move it ("left its key rate at
#: 16.5%", "kept rates unchanged at 9%"): the figure is the level that holds, a status.
LEVEL_KEEP_VERBS: frozenset[str] = _words("level_keep_verbs")
#: Bound words that may stand between a verb and its figure ("reported over $2 billion").
OBJECT_BOUNDS: frozenset[str] = _words("object_bounds")
#: Verbs of reporting that also take a figure as their object ("added 900 km").
REPORTING_TRANSITIVE: frozenset[str] = _words("reporting_transitive")
#: Words that begin a new clause after a comma (a left scan for the verb stops there).
CLAUSE_STARTERS: frozenset[str] = _words("clause_starters")
#: A verb of expecting that governs a that-clause: "the bank expects that inflation ...".
FORECAST_MATRIX: frozenset[str] = _words("forecast_matrix")
#: The same verbs when they take a clause without "that" ("officials project the rate
#: will fall"); base forms included, since the subject is often plural.
FORECAST_MATRIX_BARE: frozenset[str] = _words("forecast_matrix_bare")
#: Participles that, right after a figure, say what it is: "the 2.7% projected in July",
#: "the 90.3 million tonnes planned".
FORECAST_PARTICIPLES: frozenset[str] = _words("forecast_participles")
PLAN_PARTICIPLES: frozenset[str] = _words("plan_participles")
#: Participles after a figure's noun that make the figure a plan: "the 300 projects
#: announced in 2022", "the 217 schools promised".
ANNOUNCED_PLANS: frozenset[str] = _words("announced_plans") | PLAN_PARTICIPLES
#: "is complete", "was finished": a state of having been done.
DONE_ADJECTIVES: frozenset[str] = _words("done_adjectives")
#: Decisions to act: "agreed to provide EUR 50 billion between 2024 and 2027".
DECISION_VERBS: frozenset[str] = _words("decision_verbs")
#: Verbs of concrete action a commitment without a number is made of.
COMMIT_VERBS: frozenset[str] = _words("commit_verbs")
#: Verbs of promising and of ordering others: before "to" + a concrete action they make a
#: commitment without a number ("has pledged to open the bridge by 2027", "instructed the
#: government to launch the register by July").
PLEDGE_VERBS: frozenset[str] = _words("pledge_verbs")
INSTRUCT_VERBS: frozenset[str] = _words("instruct_verbs")
#: Verbs of an institution's standing pledge ("will continue to monitor", "will not hesitate").
PLEDGE_CONTINUE_VERBS: frozenset[str] = _words("pledge_continue_verbs")
#: Present progressives of a programme under way ("we are investing in new rail lines").
PLEDGE_PROGRESSIVES: frozenset[str] = _words("pledge_progressives")
PLEDGE_PROGRESSIVE_SUBJECTS: frozenset[str] = _words("pledge_progressive_subjects")
#: Subjects whose "should" + an action is an instruction ("the government should expand").
SHOULD_AGENTS: frozenset[str] = _words("should_agents")
#: Words before "expect to" / "need to" that make it the speaker's plan ("we expect to keep").
SELF_PLAN_SUBJECTS: frozenset[str] = _words("self_plan_subjects")
#: Verbs of something happening rather than done: a prediction or a schedule.
HAPPENING_VERBS: frozenset[str] = _words("happening_verbs")
HAPPENING_PHRASES: frozenset[str] = _words("happening_phrases")
#: Ends of a schedule after "is scheduled to" / "is due to": a timetable, not a promise.
SCHEDULE_ENDS: frozenset[str] = _words("schedule_ends")
#: Subjects that do not act: with "will" they make a forecast, not a commitment.
NON_AGENTS: frozenset[str] = _words("non_agents")
#: Subjects whose "will" is an expectation, not a plan: nobody decides them ("inflation
#: will slow to 5%", "the economy will grow 4%").
FORECAST_SUBJECTS: frozenset[str] = _words("forecast_subjects")
#: Budget lines whose "will" is an expectation unless decided ("will be reduced to",
#: "will not exceed"): "the deficit will narrow to 3%".
FISCAL_SUBJECTS: frozenset[str] = _words("fiscal_subjects")
#: Subjects that act: their reported "would" is a commitment ("the minister said the
#: government would build ..."); anything else's reported "would" is an expectation.
AGENTS: frozenset[str] = _words("agents")
#: Verbs only an actor performs: after a reported "would" they make a commitment whoever
#: the subject is ("the minister said it would build 500 schools").
ACTOR_VERBS: frozenset[str] = _words("actor_verbs")
#: Verbs of belief or expectation governing a clause with "will": a forecast.
BELIEF_VERBS: frozenset[str] = _words("belief_verbs")
#: Words of an indirect question: "how much the sale would raise" commits to nothing.
WH_WORDS: frozenset[str] = _words("wh_words")
#: "It will help" / "this will allow": consequences, not commitments.
VAGUE_SUBJECTS: frozenset[str] = _words("vague_subjects")
VAGUE_VERBS: frozenset[str] = _words("vague_verbs")
#: Words that make "will" a noun ("political will", "the will of the people").
WILL_NOUN_BEFORE: frozenset[str] = _words("will_noun_before")
#: A sentence with these before the modal is a condition or a question, not a commitment.
CONDITIONAL: frozenset[str] = _words("conditional")
#: Every word ``kinds._verb_category`` can read as part of a verb group, besides words
#: ending in "-ed": any other word never is one, so the tokenizer can say so at once
#: instead of the kinds and subject stages asking (tests/test_lang_fastpaths.py).
MAYBE_VERB: frozenset[str] = (
    _words("maybe_verb")
    | REPORTING
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
)
#: "According to" these is a projection or estimate, not a measured outcome.
FORECASTERS = re.compile(
    r"\baccording\s+to\s+(?:the\s+)?(?:latest\s+|preliminary\s+|updated\s+|new\s+)?(?:"
    + "|".join(_DATA["forecasters"])
    + ")",
    re.I,
)
#: A forecast named after the figure's clause at the end of its sentence ("..., the grid
#: operator forecasts", "..., the fiscal update shows"): searched from a comma to the end.
TRAILING_FORECAST = re.compile(
    r",\s+(?:(?:the|its|their|our|a|an)\s+)?(?:[\w'’.-]+\s+){0,4}?(?:"
    + "|".join(_DATA["trailing_forecast_verbs"])
    + r"|(?:"
    + "|".join(
        re.escape(w)
        for w in sorted(
            {*_DATA["outside_forecasters"], *_DATA["institutions"], *_DATA["trailing_forecaster_nouns"]}
        )
    )
    + r")\s+(?:"
    + "|".join(_DATA["trailing_forecast_verbs_ambiguous"])
    + r")|(?:"
    + "|".join(_DATA["trailing_forecast_sources"])
    + r")\s+(?:"
    + "|".join(_DATA["trailing_show_verbs"])
    + r"))\W*$",
    re.I,
)
#: Phrases of something expected to happen ("on track to", "poised to"): a forecast.
FORECAST_PHRASES = re.compile(r"\b(?:" + "|".join(_DATA["forecast_phrases"]) + r")\b", re.I)
#: A forecast a sentence is set in ("under the updated projections"): a forecast.
FORECAST_FRAMES = re.compile(r"\b(?:" + "|".join(_DATA["forecast_frames"]) + r")\b", re.I)
#: Words of an outturn so far ("to date", "so far"): a present figure reported, not planned.
OUTTURN_SO_FAR = re.compile(r"\b(?:" + "|".join(_DATA["outturn_so_far"]) + r")\b", re.I)
#: Markers of a consequence ("in turn", "as a result").
CONSEQUENCE = re.compile(r"\b(?:" + "|".join(_DATA["consequence_markers"]) + r")\b", re.I)
#: Indicators nobody decides ("growth", "inflation"): what a plan foresees of them it assumes.
MACRO_INDICATORS: frozenset[str] = _words("macro_indicators")
FORESEE_VERBS: frozenset[str] = _words("foresee_verbs")
#: Verbs by which a forecaster states a value ("the update puts the deficit at 4.4%").
ESTIMATE_VERBS: frozenset[str] = _words("estimate_verbs")
#: Verbs by which a budget line receives its share ("got 4 billion in the budget").
RECEIVING_VERBS: frozenset[str] = _words("receiving_verbs")
#: Heads of a list inside one sentence ("Allocations for 2026: health 4 billion"), by kind.
LIST_HEADS: dict[str, frozenset[str]] = {
    kind: _words(f"list_heads_{kind}") for kind in ("target", "forecast", "achievement")
}
#: Subjects of "be to" that describe, not plan ("the purpose of the law is to support").
BE_TO_DESCRIPTIONS: frozenset[str] = _words("be_to_descriptions")
#: Words that make a verbless figure a change or a flow ("exports up 4.2%", "adding 15,000").
CHANGE_WORDS: frozenset[str] = _words("change_words")
#: Words of a need, appeal or preference before a figure ("the need to rebuild 40 bridges").
WISH_WORDS: frozenset[str] = _words("wish_words")
#: The government's own budget lines ("revenue is projected at 14 trillion in the budget").
BUDGET_LINE_NOUNS: frozenset[str] = _words("budget_line_nouns")
#: Forecasters outside the government ("the Fund projects the deficit at 4%").
OUTSIDE_FORECASTERS: frozenset[str] = frozenset(
    w + end for w in _words("outside_forecasters") for end in ("", "'s", "’s")
)
