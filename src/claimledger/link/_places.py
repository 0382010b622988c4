"""A small gazetteer of countries, with adjectives and common aliases.

Used to scope indicators by region: "GDP" of a Kazakh statement and "GDP" of an Uzbek one
are different indicators even when both are stated in US dollars.  Each line is
``Canonical name|alias|alias...``; aliases include the adjective ("Kazakh", "Kazakhstani")
because statements often say "the Kazakh economy" rather than "Kazakhstan's economy".
"""

from __future__ import annotations

import re
from functools import lru_cache

_GAZETTEER = """
Afghanistan|Afghan
Albania|Albanian
Algeria|Algerian
Angola|Angolan
Argentina|Argentine|Argentinian
Armenia|Armenian
Australia|Australian
Austria|Austrian
Azerbaijan|Azerbaijani|Azeri
Bahrain|Bahraini
Bangladesh|Bangladeshi
Belarus|Belarusian
Belgium|Belgian
Bolivia|Bolivian
Bosnia and Herzegovina|Bosnian
Botswana|Botswanan
Brazil|Brazilian
Bulgaria|Bulgarian
Cambodia|Cambodian
Cameroon|Cameroonian
Canada|Canadian
Chile|Chilean
China|Chinese|PRC
Colombia|Colombian
Costa Rica|Costa Rican
Croatia|Croatian
Cuba|Cuban
Cyprus|Cypriot
Czech Republic|Czech|Czechia
Denmark|Danish
Dominican Republic|Dominican
Ecuador|Ecuadorian
Egypt|Egyptian
Estonia|Estonian
Ethiopia|Ethiopian
Finland|Finnish
France|French
Georgia|Georgian
Germany|German
Ghana|Ghanaian
Greece|Greek
Guatemala|Guatemalan
Hungary|Hungarian
Iceland|Icelandic
India|Indian
Indonesia|Indonesian
Iran|Iranian
Iraq|Iraqi
Ireland|Irish
Israel|Israeli
Italy|Italian
Japan|Japanese
Jordan|Jordanian
Kazakhstan|Kazakh|Kazakhstani
Kenya|Kenyan
Kosovo|Kosovar
Kuwait|Kuwaiti
Kyrgyzstan|Kyrgyz
Laos|Lao|Laotian
Latvia|Latvian
Lebanon|Lebanese
Libya|Libyan
Lithuania|Lithuanian
Luxembourg|Luxembourgish
Malaysia|Malaysian
Mexico|Mexican
Moldova|Moldovan
Mongolia|Mongolian
Montenegro|Montenegrin
Morocco|Moroccan
Mozambique|Mozambican
Myanmar|Burmese
Namibia|Namibian
Nepal|Nepalese|Nepali
Netherlands|Dutch
New Zealand|New Zealander
Nigeria|Nigerian
North Macedonia|Macedonian
Norway|Norwegian
Oman|Omani
Pakistan|Pakistani
Panama|Panamanian
Paraguay|Paraguayan
Peru|Peruvian
Philippines|Philippine|Filipino
Poland|Polish
Portugal|Portuguese
Qatar|Qatari
Romania|Romanian
Russia|Russian|Russian Federation
Rwanda|Rwandan
Saudi Arabia|Saudi
Senegal|Senegalese
Serbia|Serbian
Singapore|Singaporean
Slovakia|Slovak
Slovenia|Slovenian
South Africa|South African
South Korea|Korean|Republic of Korea
Spain|Spanish
Sri Lanka|Sri Lankan
Sweden|Swedish
Switzerland|Swiss
Syria|Syrian
Taiwan|Taiwanese
Tajikistan|Tajik
Tanzania|Tanzanian
Thailand|Thai
Tunisia|Tunisian
Turkey|Turkish|Türkiye
Turkmenistan|Turkmen
Uganda|Ugandan
Ukraine|Ukrainian
United Arab Emirates|Emirati|UAE
United Kingdom|British|UK|Britain
United States|American|USA|U.S.
Uruguay|Uruguayan
Uzbekistan|Uzbek
Venezuela|Venezuelan
Vietnam|Vietnamese|Viet Nam
Zambia|Zambian
Zimbabwe|Zimbabwean
"""


#: National currencies: a figure in tenge is about Kazakhstan.  Currencies shared by many
#: countries (USD, EUR, XOF ...) are left out on purpose.
CURRENCY_COUNTRY = {
    "KZT": "Kazakhstan",
    "UZS": "Uzbekistan",
    "KGS": "Kyrgyzstan",
    "TJS": "Tajikistan",
    "TMT": "Turkmenistan",
    "AZN": "Azerbaijan",
    "GEL": "Georgia",
    "AMD": "Armenia",
    "RUB": "Russia",
    "UAH": "Ukraine",
    "BYN": "Belarus",
    "MNT": "Mongolia",
    "CNY": "China",
    "INR": "India",
    "PKR": "Pakistan",
    "BDT": "Bangladesh",
    "NGN": "Nigeria",
    "KES": "Kenya",
    "ZAR": "South Africa",
    "EGP": "Egypt",
    "TRY": "Turkey",
    "BRL": "Brazil",
    "MXN": "Mexico",
    "IDR": "Indonesia",
    "VND": "Vietnam",
    "THB": "Thailand",
    "PHP": "Philippines",
    "MYR": "Malaysia",
    "JPY": "Japan",
    "KRW": "South Korea",
    "GBP": "United Kingdom",
    "PLN": "Poland",
    "CZK": "Czech Republic",
    "HUF": "Hungary",
    "RON": "Romania",
    "SAR": "Saudi Arabia",
    "AED": "United Arab Emirates",
    "ILS": "Israel",
    "CAD": "Canada",
    "AUD": "Australia",
    "NZD": "New Zealand",
    "CHF": "Switzerland",
    "SEK": "Sweden",
    "NOK": "Norway",
    "DKK": "Denmark",
    "ARS": "Argentina",
    "CLP": "Chile",
    "COP": "Colombia",
    "PEN": "Peru",
    "GHS": "Ghana",
    "ETB": "Ethiopia",
    "TZS": "Tanzania",
    "UGX": "Uganda",
    "MAD": "Morocco",
    "QAR": "Qatar",
    "KWD": "Kuwait",
    "IRR": "Iran",
    "IQD": "Iraq",
    "LKR": "Sri Lanka",
    "NPR": "Nepal",
}


@lru_cache(maxsize=2)
def _table(ignore_case: bool = False) -> tuple[re.Pattern[str], dict[str, str]]:
    alias_to_name: dict[str, str] = {}
    for line in _GAZETTEER.strip().splitlines():
        parts = [p.strip() for p in line.split("|") if p.strip()]
        for alias in parts:
            alias_to_name[alias.lower()] = parts[0]
    # Longest alias first so "South Africa" wins over shorter overlapping names.
    aliases = sorted(
        {a for line in _GAZETTEER.strip().splitlines() for a in line.split("|")}, key=len, reverse=True
    )
    pattern = re.compile(
        r"(?<![\w.])(" + "|".join(re.escape(a.strip()) for a in aliases if a.strip()) + r")(?:'s)?(?![\w])",
        re.I if ignore_case else 0,
    )
    return pattern, alias_to_name


def mentions(text: str, *, ignore_case: bool = False) -> list[str]:
    """Canonical country names mentioned in ``text``, in order (with repeats).

    Case matters by default, so "turkey" the bird and "china" the porcelain stay out;
    ``ignore_case`` is for lower-cased subject phrases.
    """
    pattern, names = _table(ignore_case)
    return [names[m.group(1).lower()] for m in pattern.finditer(text)]


def main_region(*texts: str | None, body: str | None = None) -> tuple[str | None, str]:
    """The country a document is about, and how that was decided.

    Metadata texts (title, speaker, source) decide first: the first country named there.
    Otherwise the country named most often in the body, if it is the only country named
    or is named at least twice and clearly more than any other (a news story names its
    subject country repeatedly; a passing mention of a partner country must not re-scope
    the document).
    """
    for t in texts:
        if t:
            found = mentions(t)
            if found:
                return found[0], "named in document metadata"
    if body:
        counts: dict[str, int] = {}
        for name in mentions(body):
            counts[name] = counts.get(name, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and (len(ranked) == 1 or (ranked[0][1] >= 2 and ranked[0][1] > ranked[1][1])):
            return ranked[0][0], f"named {ranked[0][1]} times in the text"
    return None, "no country named"
