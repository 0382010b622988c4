"""Country tables for currency context (data only; logic in ``_numcontext``).

A currency name or symbol shared by several countries ("$", "Rs", "rupees", "pesos",
"shillings", "dinars", ...) is read as the currency of the country the text is about.
Two tables make that possible:

- ``COUNTRIES``: country code -> (its currency, the words that name it).  The words are
  names, demonyms, capitals and a few large sub-national units and cities that are not
  shared with another country ("Ontario", "Karachi", "New South Wales"; not "Punjab",
  "Victoria" or "Georgia").  They are matched case-sensitively on word boundaries, so
  "turkey" or "chile" in lower case never count.  Countries whose currency is shared by no
  one are listed too: a Nigerian text that mentions Canada once is still Nigerian.
- ``FAMILIES``: the shared names.  Each family has a default code (what the word means
  with no country in sight: "$" is USD, "rupees" INR) and the codes it may stand for.
"""

from __future__ import annotations

from claimledger.extract._unitdata import AMBIGUOUS_LETTERS, word_set

# One line per country: "CC CUR: cue; cue; ..." (indented lines continue the cues).  CC is
# ISO 3166-1 alpha-2, CUR ISO 4217 ("-" for a region that is no one country).
_TABLE = """
US USD: United States; U.S.; US; USA; U.S.A.; America; American; Americans; Washington; California;
    Texas; Florida; New York; Illinois; Ohio; Pennsylvania; Michigan
CA CAD: Canada; Canadian; Canadians; Ottawa; Ontario; Quebec; Québec; Alberta; British Columbia;
    Manitoba; Saskatchewan; Nova Scotia; New Brunswick; Newfoundland; Prince Edward Island; Toronto;
    Montreal; Vancouver; Calgary; Edmonton; Winnipeg
AU AUD: Australia; Australian; Australians; Canberra; New South Wales; Queensland; Tasmania; Sydney;
    Melbourne; Brisbane; Adelaide; Northern Territory
NZ NZD: New Zealand; New Zealander; New Zealanders; Wellington; Auckland; Christchurch; Aotearoa
SG SGD: Singapore; Singaporean; Singaporeans
HK HKD: Hong Kong
TW TWD: Taiwan; Taiwanese; Taipei
JM JMD: Jamaica; Jamaican
NA NAD: Namibia; Namibian; Windhoek
TT TTD: Trinidad and Tobago; Trinidad
BS BSD: Bahamas; Bahamian
BB BBD: Barbados; Barbadian
FJ FJD: Fiji; Fijian
LR LRD: Liberia; Liberian; Monrovia
GY GYD: Guyana; Guyanese
BN BND: Brunei
IN INR: India; Indian; Indians; New Delhi; Delhi; Mumbai; Maharashtra; Karnataka; Tamil Nadu; Kerala;
    Uttar Pradesh; Gujarat; Rajasthan; Telangana; Andhra Pradesh; Bengaluru; Bangalore; Kolkata;
    Chennai; Lok Sabha; Rajya Sabha
PK PKR: Pakistan; Pakistani; Pakistanis; Islamabad; Karachi; Lahore; Sindh; Balochistan;
    Khyber Pakhtunkhwa; Peshawar; Rawalpindi; Quetta; Faisalabad
LK LKR: Sri Lanka; Sri Lankan; Sri Lankans; Colombo; Lankan
NP NPR: Nepal; Nepali; Nepalese; Kathmandu
MU MUR: Mauritius; Mauritian; Port Louis
SC SCR: Seychelles; Seychellois
KE KES: Kenya; Kenyan; Kenyans; Nairobi; Mombasa
UG UGX: Uganda; Ugandan; Ugandans; Kampala
TZ TZS: Tanzania; Tanzanian; Tanzanians; Dodoma; Dar es Salaam; Zanzibar
SO SOS: Somalia; Somali; Mogadishu
MX MXN: Mexico; Mexican; Mexicans
PH PHP: Philippines; Philippine; Filipino; Filipinos; Manila
AR ARS: Argentina; Argentine; Argentinian; Buenos Aires
CL CLP: Chile; Chilean; Santiago
CO COP: Colombia; Colombian; Bogotá; Bogota
UY UYU: Uruguay; Uruguayan; Montevideo
DO DOP: Dominican Republic; Santo Domingo
CU CUP: Cuba; Cuban; Havana
RS RSD: Serbia; Serbian; Belgrade
JO JOD: Jordan; Jordanian; Amman
KW KWD: Kuwait; Kuwaiti
IQ IQD: Iraq; Iraqi; Iraqis; Baghdad; Erbil; Basra
DZ DZD: Algeria; Algerian; Algiers
TN TND: Tunisia; Tunisian; Tunis
BH BHD: Bahrain; Bahraini; Manama
LY LYD: Libya; Libyan
MK MKD: North Macedonia; Macedonian; Skopje
CH CHF: Switzerland; Swiss; Zurich; Geneva; Bern
SN XOF: Senegal; Senegalese; Dakar; Côte d'Ivoire; Côte d’Ivoire; Ivory Coast; Ivorian; Abidjan; Mali;
    Malian; Bamako; Burkina Faso; Niger; Nigerien; Niamey; Benin; Togo; WAEMU; UEMOA
CM XAF: Cameroon; Cameroonian; Yaoundé; Gabon; Gabonese; Chadian; Equatorial Guinea;
    Central African Republic; CEMAC
RW RWF: Rwanda; Rwandan; Kigali
BI BIF: Burundi; Burundian
CD CDF: Democratic Republic of the Congo; Democratic Republic of Congo; DRC; DR Congo; Kinshasa;
    Congolese
GN GNF: Guinea; Guinean; Conakry
DJ DJF: Djibouti
PG PGK: Papua New Guinea
SE SEK: Sweden; Swedish; Stockholm
IS ISK: Iceland; Icelandic; Reykjavik
NO NOK: Norway; Norwegian; Oslo
DK DKK: Denmark; Danish; Copenhagen
GB GBP: United Kingdom; UK; U.K.; Britain; British; England; Scotland; Scottish; Wales; Welsh;
    Northern Ireland; London; Westminster; Whitehall
EG EGP: Egypt; Egyptian; Egyptians; Cairo
LB LBP: Lebanon; Lebanese; Beirut
SY SYP: Syria; Syrian; Damascus
SD SDG: Sudan; Sudanese; Khartoum
SS SSP: South Sudan; South Sudanese; Juba
SA SAR: Saudi Arabia; Saudi; Riyadh; Jeddah
QA QAR: Qatar; Qatari; Doha
OM OMR: Oman; Omani; Muscat
IR IRR: Iran; Iranian; Tehran
YE YER: Yemen; Yemeni; Sanaa; Aden
AE AED: United Arab Emirates; UAE; Emirati; Dubai; Abu Dhabi
MA MAD: Morocco; Moroccan; Rabat; Casablanca
TR TRY: Turkey; Türkiye; Turkish; Ankara; Istanbul
ZM ZMW: Zambia; Zambian; Lusaka
MW MWK: Malawi; Malawian; Lilongwe
RO RON: Romania; Romanian; Bucharest
MD MDL: Moldova; Moldovan; Chisinau
AZ AZN: Azerbaijan; Azerbaijani; Baku
TM TMT: Turkmenistan; Turkmen; Ashgabat
KG KGS: Kyrgyzstan; Kyrgyz; Bishkek
UZ UZS: Uzbekistan; Uzbek; Tashkent
KR KRW: South Korea; Republic of Korea; Korean; Seoul
KP KPW: North Korea; North Korean; Pyongyang
KZ KZT: Kazakhstan; Kazakh; Astana; Almaty
RU RUB: Russia; Russian; Moscow; Kremlin
CN CNY: China; Chinese; Beijing; Shanghai
JP JPY: Japan; Japanese; Tokyo
BR BRL: Brazil; Brazilian; Brasília; Brasilia
ZA ZAR: South Africa; South African; Pretoria; Johannesburg; Cape Town
NG NGN: Nigeria; Nigerian; Nigerians; Abuja; Lagos
GH GHS: Ghana; Ghanaian; Accra
ET ETB: Ethiopia; Ethiopian; Addis Ababa
ID IDR: Indonesia; Indonesian; Jakarta
MY MYR: Malaysia; Malaysian; Kuala Lumpur
TH THB: Thailand; Thai; Bangkok
VN VND: Vietnam; Viet Nam; Vietnamese; Hanoi
BD BDT: Bangladesh; Bangladeshi; Dhaka
UA UAH: Ukraine; Ukrainian; Kyiv; Kiev
PL PLN: Poland; Polish; Warsaw
AM AMD: Armenia; Armenian; Yerevan
IL ILS: Israel; Israeli; Jerusalem; Tel Aviv
PE PEN: Peru; Peruvian; Lima
ZZ -: Latin America; Latin American; South America; South American; Central America; Central American;
    North America; North American; Americas
DE EUR: Germany; German; Berlin; France; French; Paris; Italy; Italian; Rome; Spain; Spanish; Madrid;
    Netherlands; Dutch; Ireland; Irish; Dublin; Portugal; Portuguese; Greece; Greek; Athens; Austria;
    Austrian; Vienna; Belgium; Belgian; Brussels; Finland; Finnish; euro area; eurozone; Eurozone
"""


def _parse() -> tuple[dict[str, str], dict[str, str]]:
    currency: dict[str, str] = {}
    cues: dict[str, str] = {}
    cc = ""
    for line in _TABLE.strip().splitlines():
        if line.startswith(" "):
            words = line
        else:
            head, _, words = line.partition(":")
            cc, cur = head.split()
            currency[cc] = "" if cur == "-" else cur
        for w in words.split(";"):
            w = w.strip()
            if w:
                cues.setdefault(w, cc)
                if len(w) >= 4:
                    cues.setdefault(w.upper(), cc)  # wire datelines: "OTTAWA —", "KARACHI:"
    return currency, cues


#: Country code -> ISO 4217 code of its currency ("" for a region that names no one
#: country, such as "Latin America", listed so that "American" in it does not count).
COUNTRY_CURRENCY, _CUES = _parse()
#: Cue word (case-sensitive) -> country code.
COUNTRY_CUES: dict[str, str] = _CUES

#: Shared currency names: family -> (default code, every code the name may stand for).
FAMILIES: dict[str, tuple[str, frozenset[str]]] = {
    "dollar": ("USD", word_set("USD CAD AUD NZD SGD HKD TWD JMD NAD TTD BSD BBD FJD LRD GYD BND")),
    "rupee": ("INR", word_set("INR PKR LKR NPR MUR SCR")),
    "shilling": ("KES", word_set("KES UGX TZS SOS")),
    "peso": ("MXN", word_set("MXN PHP ARS CLP COP UYU DOP CUP")),
    "dinar": ("IQD", word_set("IQD KWD JOD RSD DZD TND BHD LYD MKD")),
    "franc": ("CHF", word_set("CHF XOF XAF RWF BIF CDF GNF DJF")),
    "krona": ("SEK", word_set("SEK ISK")),
    "krone": ("NOK", word_set("NOK DKK")),
    "pound": ("GBP", word_set("GBP EGP LBP SYP SDG SSP")),
    "riyal": ("SAR", word_set("SAR QAR OMR YER")),
    "rial": ("IRR", word_set("IRR OMR YER")),
    "dirham": ("AED", word_set("AED MAD")),
    "kwacha": ("ZMW", word_set("ZMW MWK")),
    "leu": ("RON", word_set("RON MDL")),
    "manat": ("AZN", word_set("AZN TMT")),
    "som": ("KGS", word_set("KGS UZS")),
    "won": ("KRW", word_set("KRW KPW")),
}

#: Currency words (lower case, singular and plural) that name a family, not one code.
FAMILY_WORDS: dict[str, str] = {
    "dollar": "dollar",
    "dollars": "dollar",
    "cent": "dollar",
    "cents": "dollar",
    "rupee": "rupee",
    "rupees": "rupee",
    "shilling": "shilling",
    "shillings": "shilling",
    "peso": "peso",
    "pesos": "peso",
    "dinar": "dinar",
    "dinars": "dinar",
    "franc": "franc",
    "francs": "franc",
    "krona": "krona",
    "kronor": "krona",
    "kronur": "krona",
    "krone": "krone",
    "kroner": "krone",
    "pound": "pound",
    "pounds": "pound",
    "riyal": "riyal",
    "riyals": "riyal",
    "rial": "rial",
    "rials": "rial",
    "dirham": "dirham",
    "dirhams": "dirham",
    "kwacha": "kwacha",
    "leu": "leu",
    "lei": "leu",
    "manat": "manat",
    "manats": "manat",
    "som": "som",
    "soms": "som",
    "won": "won",
}
#: Not a family of FAMILIES: the mark of a single-letter prefix ("N2.5 trillion", "R500",
#: ``_unitdata.AMBIGUOUS_LETTERS``), money only with a magnitude or in its country's text.
LETTER = "letter"
#: Symbols written before an amount that name a family ("$", "Rs"), case-sensitive.
FAMILY_PREFIXES: dict[str, str] = {
    "$": "dollar",
    "Rs": "rupee",
    "Rs.": "rupee",
    "rs": "rupee",
    "rs.": "rupee",
    "₨": "rupee",
    "Sh": "shilling",
    "Shs": "shilling",
    **dict.fromkeys(AMBIGUOUS_LETTERS, LETTER),
}
