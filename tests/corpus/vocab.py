"""Word lists the report generator draws from: names, places, organisations, policy prose.

Every list is plain data; ``specgen`` combines them with a seeded random generator, so a
new seed gives new people, places, titles and sentences. The content is invented: no
list names a real person, and the subject matter (water, health, cities, energy, food,
schools, public money) is chosen to be unlike the sample report in ``seeds/``.
"""

from __future__ import annotations

# Names by culture: (given names with gender, family names, family name first?).
LATIN_NAMES = {
    "yoruba-igbo": ((("Adaeze", "f"), ("Chinedu", "m"), ("Folake", "f"), ("Tunde", "m"), ("Ngozi", "f"),
                     ("Emeka", "m")), ("Okonkwo", "Eze", "Adeyemi", "Bakare", "Nwosu", "Olatunji"), False),
    "indian": ((("Priya", "f"), ("Arjun", "m"), ("Kavitha", "f"), ("Rohan", "m"), ("Meenakshi", "f"),
                ("Vikram", "m")), ("Raghunathan", "Mehta", "Subramanian", "Desai", "Iyer", "Chatterjee"), False),
    "chinese": ((("Wenjing", "f"), ("Hao", "m"), ("Meiling", "f"), ("Jun", "m"), ("Xiaoyu", "f")),
                ("Liu", "Zhang", "Chen", "Huang", "Zhou"), True),
    "korean": ((("Ji-won", "f"), ("Seo-yeon", "f"), ("Min-jun", "m"), ("Dong-hyun", "m")),
               ("Park", "Kim", "Choi", "Jung"), True),
    "vietnamese": ((("Thi Lan", "f"), ("Van Minh", "m"), ("Thu Huong", "f"), ("Duc Anh", "m")),
                   ("Nguyen", "Tran", "Pham", "Le"), True),
    "lusophone": ((("João", "m"), ("Mariana", "f"), ("Beatriz", "f"), ("Rafael", "m"), ("Thiago", "m")),
                  ("Ferreira", "Costa", "Almeida", "Carvalho", "Nascimento"), False),
    "hispanic": ((("Lucía", "f"), ("Diego", "m"), ("Valentina", "f"), ("Andrés", "m"), ("Camila", "f")),
                 ("Hernández", "Ramírez", "Quispe", "Morales", "Echeverría"), False),
    "polish": ((("Katarzyna", "f"), ("Tomasz", "m"), ("Agnieszka", "f"), ("Piotr", "m")),
               ("Nowak", "Wiśniewski", "Zielińska", "Kowalczyk"), False),
    "finnish": ((("Aino", "f"), ("Mikko", "m"), ("Helmi", "f"), ("Juhani", "m")),
                ("Virtanen", "Laine", "Heikkinen", "Koskinen"), False),
    "turkish": ((("Elif", "f"), ("Murat", "m"), ("Zeynep", "f"), ("Emre", "m")),
                ("Yılmaz", "Demir", "Aydın", "Çelik"), False),
    "indonesian": ((("Siti", "f"), ("Budi", "m"), ("Dewi", "f"), ("Agus", "m")),
                   ("Rahmawati", "Santoso", "Wibowo", "Kusuma"), False),
    "east-african": ((("Wanjiru", "f"), ("Otieno", "m"), ("Achieng", "f"), ("Baraka", "m")),
                     ("Kamau", "Odhiambo", "Mwangi", "Njoroge"), False),
    "akan": ((("Efua", "f"), ("Kwabena", "m"), ("Abena", "f"), ("Kofi", "m")),
             ("Asante", "Mensah", "Owusu", "Boateng"), False),
    "german": ((("Johanna", "f"), ("Lukas", "m"), ("Friederike", "f"), ("Matthias", "m")),
               ("Becker", "Hoffmann", "Schreiber", "Vogel"), False),
    "french": ((("Camille", "f"), ("Étienne", "m"), ("Amélie", "f"), ("Olivier", "m")),
               ("Laurent", "Moreau", "Lefebvre", "Girard"), False),
    "arabic-latin": ((("Youssef", "m"), ("Leila", "f"), ("Omar", "m"), ("Rania", "f")),
                     ("Haddad", "Mansour", "Khalil", "Saleh"), False),
    "filipino": ((("Maricel", "f"), ("Ramon", "m"), ("Luzviminda", "f"), ("Emilio", "m")),
                 ("Dizon", "Villanueva", "Bautista", "Magsaysay-Cruz"), False),
    "ethiopian": ((("Selamawit", "f"), ("Dawit", "m"), ("Meron", "f"), ("Yonas", "m")),
                  ("Tesfaye", "Haile", "Gebremedhin", "Alemu"), False),
    "persian": ((("Shirin", "f"), ("Dariush", "m"), ("Parisa", "f"), ("Kaveh", "m")),
                ("Tehrani", "Rostami", "Farahani", "Moradi"), False),
    "dutch": ((("Femke", "f"), ("Joost", "m"), ("Marieke", "f"), ("Sander", "m")),
              ("van der Berg", "de Vries", "Jansen", "Bakker"), False),
    "hungarian": ((("Zsófia", "f"), ("Bence", "m"), ("Réka", "f"), ("Gergely", "m")),
                  ("Szabó", "Tóth", "Kovács", "Varga"), False),
    "thai": ((("Siriporn", "f"), ("Somchai", "m"), ("Kanokwan", "f"), ("Anan", "m")),
             ("Srisuk", "Chaiyaporn", "Wongsakul", "Rattanakorn"), False),
    "andean": ((("Yupanqui", "m"), ("Killa", "f"), ("Wayra", "f"), ("Rumi", "m")),
               ("Mamani", "Condori", "Huanca", "Choque"), False),
    "samoan": ((("Losa", "f"), ("Tavita", "m"), ("Malia", "f"), ("Sione", "m")),
               ("Faleolo", "Tuilagi", "Aiono", "Leota"), False),
}

# Names written in other scripts, as a speaker would sign them: (name, gender).
SCRIPT_NAMES = (
    ("ليلى حداد", "f"), ("يوسف منصور", "m"), ("سلمى خليل", "f"), ("كريم الزين", "m"),
    ("נועה לוי", "f"), ("יונתן כהן", "m"), ("מיכל פרידמן", "f"),
    ("Ирина Соколова", "f"), ("Алексей Орлов", "m"), ("Ольга Белова", "f"), ("Дмитрий Лебедев", "m"),
    ("Ελένη Παππά", "f"), ("Νίκος Αλεξίου", "m"), ("Μαρία Γεωργίου", "f"),
    ("فاطمة الراشد", "f"), ("עדי ברק", "f"), ("Светлана Морозова", "f"), ("Κώστας Μαυρίδης", "m"),
)

GENDERED_HONORIFICS = {"m": ("Mr.",), "f": ("Ms.", "Mrs.")}
NEUTRAL_HONORIFICS = ("Dr.", "Prof.", "H.E.", "Ambassador", "Hon.", "Dr.", "Prof.")

CITIES = ("Accra", "Porto Alegre", "Tampere", "Kraków", "Surabaya", "Mombasa", "Da Nang", "Izmir",
          "Valparaíso", "Cebu", "Bergen", "Lyon", "Chennai", "Daegu", "Leeds", "Kumasi", "Rosario",
          "Gdańsk", "Arusha", "Cuenca", "Tartu", "Windhoek", "Medan", "Pune", "Hawassa", "Debrecen",
          "Chiang Mai", "Utrecht", "Apia", "Cochabamba", "Tabriz", "Lusaka", "Kisumu", "Córdoba")
COUNTRIES = ("Ghana", "Brazil", "Finland", "Poland", "Indonesia", "Kenya", "Viet Nam", "Türkiye", "Chile",
             "the Philippines", "Norway", "France", "India", "the Republic of Korea", "Tanzania",
             "Ecuador", "Estonia", "Namibia", "Colombia", "Senegal")
REGIONS = ("East Africa", "the Andean Region", "the Baltic States", "South-East Asia", "the Sahel",
           "the Mekong Basin", "Central Europe", "the Pacific Islands", "West Africa", "the Nordic Countries")

FIELDS = ("Water Governance", "Urban Resilience", "Public Health Systems", "Energy Transition",
          "Food Security", "Digital Inclusion", "Fiscal Policy", "Migration Research", "Climate Adaptation",
          "Coastal Management", "Rural Development", "Labour Markets", "Education Equity",
          "Housing Policy", "Transport Planning", "Social Protection", "Disaster Risk Reduction",
          "Groundwater Management", "Pension Reform", "Waste Management", "Early Childhood Education",
          "Antimicrobial Resistance", "Tax Administration")
ORG_ADJECTIVES = ("Regional", "Northern", "Coastal", "Continental", "Independent", "Applied", "Open",
                  "Civic", "Southern", "Inter-University", "Metropolitan", "Joint")
DISCIPLINES = ("Economics", "Public Policy", "Civil Engineering", "Epidemiology", "Urban Studies",
               "Environmental Law", "Development Studies", "Political Science", "Statistics",
               "Agricultural Economics")
MINISTRIES = ("Finance", "Health", "Water and Sanitation", "Local Government", "Energy", "Education",
              "Agriculture", "Housing and Urban Affairs", "Labour", "Environment")

ORGANIZER_TEMPLATES = (
    "{adj} Institute for {field}",
    "{city} Centre for {field} Studies",
    "Network of {adj} Researchers in {field}",
    "{field} Policy Forum of {country}",
    "Foundation for {field} and {field2}",
    "{city} School of {discipline}",
    "{adj} Commission on {field}",
    "Association of Municipalities of {country}",
    "{city} Office of the {adj} Alliance for {field}",
)
ROLE_TEMPLATES = (
    "Senior Research Fellow", "Director-General", "Deputy Director", "Programme Officer",
    "Chief Economist", "Head of Policy", "Professor of {discipline}", "Former Minister of {ministry}",
    "Vice-Chair", "Executive Secretary", "Lecturer in {discipline}", "Permanent Secretary",
    "Senior Adviser on {field}", "Country Representative", "Coordinator of the {field} Programme",
)
AFFILIATION_TEMPLATES = (
    "{role}, {org}",
    "{role}, {org}, {city}",
    "{role} at {org}",
    "{role}, Ministry of {ministry}, Government of {country}",
    "{role}, University of {city}",
    "{role}, {org}; Member of the {adj} Council on {field}",
)

USUAL_SECTIONS_OPEN = ("Opening Remarks", "Welcome Address", "Introductory Remarks", "Opening Session")
USUAL_SECTIONS_MIDDLE = ("Keynote Presentation", "Keynote Address", "Panel Discussion", "Q&A",
                         "Questions and Answers", "Open Discussion", "Roundtable", "Discussion")
USUAL_SECTIONS_CLOSE = ("Closing Remarks", "Concluding Remarks", "Closing Session", "Summary and Way Forward")
ROMAN = ("I", "II", "III", "IV", "V", "VI")

TOPIC_GERUNDS = ("Financing", "Measuring", "Rebuilding", "Governing", "Scaling", "Protecting",
                 "Planning", "Connecting", "Monitoring", "Reforming", "Sharing", "Localising")
TOPIC_OBJECTS = ("Local Water Systems", "Secondary Cities", "Primary Health Care", "Household Energy",
                 "Smallholder Markets", "School Infrastructure", "Coastal Settlements", "Public Budgets",
                 "Regional Rail Links", "Social Housing", "Seasonal Migration", "Flood Defences",
                 "Community Clinics", "Data on Informal Work", "Municipal Bonds", "Aquifer Recharge",
                 "Rural Broadband", "Street Markets", "District Hospitals", "Wastewater Reuse")
TOPIC_TEMPLATES = (
    "{gerund} {object}",
    "{gerund} {object} in {region}",
    "Lessons from {city}",
    "The Role of {actors} in {field}",
    "{field} after {year}",
    "What {actors} Can Learn from {city}",
    "From Pilot Projects to National Programmes: {gerund} {object} across {region}",
    "{field} and {field2}: Evidence, Institutions and the Long Road to Implementation",
)
TITLE_ACTORS = ("Municipalities", "Regional Banks", "Civil Society", "National Regulators",
                "Universities", "Cooperatives", "Development Partners")
TITLE_TEMPLATES = (
    "{gerund} {object}: Options for {region}",
    "{field} in {region}: Where Do We Stand?",
    "The Future of {field} in {country}",
    "{gerund} {object} under Tight Budgets",
    "Rethinking {field} for the Next Decade",
    "{field}, {field2} and the Public Purse",
)

# Policy prose: the pieces a sentence is built from.
ACTORS = ("municipal utilities", "regional authorities", "donor agencies", "community organisations",
          "national regulators", "private operators", "local councils", "research institutes",
          "district health teams", "cooperative banks", "parliamentary committees", "teacher unions",
          "water user associations", "provincial planners", "small-business associations")
PLAIN_MODALS = ("should", "could", "must", "would need to")
MODALS = ("should", "could", "must", "would need to", "were beginning to", "had failed to", "were expected to")
ACTIONS = ("invest in", "coordinate", "monitor", "finance", "evaluate", "strengthen", "decentralise",
           "standardise", "publish data on", "share responsibility for", "rethink", "renegotiate",
           "set clear targets for", "pool resources for")
OBJECTS = ("maintenance budgets", "the procurement of equipment", "water-quality testing",
           "early-warning systems", "household surveys", "the implementation of tariff reforms",
           "intergovernmental transfers", "vocational training programmes", "infrastructure planning",
           "accountability mechanisms", "the electrification of rural clinics", "school-feeding schemes",
           "land registration", "the collection of property taxes", "flood insurance", "public transport",
           "the certification of laboratories", "decentralised renewable generation")
TAILS = ("", "", " in rural districts", " over the next decade", " without waiting for new legislation",
         ", particularly in secondary cities", " at every level of government", " before the next budget cycle",
         " in close consultation with residents", " despite considerable uncertainty")
ASIDES = ("a point several participants returned to later", "often overlooked in national strategies",
          "as the {year} evaluation showed", "not only in coastal areas", "and this is rarely acknowledged",
          "at least on paper", "by most available estimates", "contrary to the official projections")
REPORT_VERBS = ("noted that", "stressed that", "argued that", "observed that", "pointed out that",
                "reminded participants that", "cautioned that", "suggested that", "explained that",
                "emphasised that", "recalled that", "acknowledged that")
ADD_VERBS = ("added that", "went on to say that", "also noted that", "further argued that",
             "concluded that", "insisted that")
POPULATIONS = ("households", "schools", "clinics", "farms", "small enterprises", "municipalities",
               "young workers", "women-led businesses")
SERVICES = ("piped water", "reliable electricity", "broadband", "public transport", "basic sanitation",
            "primary care", "affordable credit", "weather information")
AGENCIES = ("agency", "ministry", "institute", "network", "office", "programme", "team")
AGENCY_CLAUSES = ("has worked with {actors} for more than {years} years", "was set up in {year}",
                  "coordinates the work of {num} {actors}", "published the first national survey in {year}",
                  "supports {actors} in {num} provinces")
QUOTES_SAID = ("we cannot plan what we do not measure", "the money is there, but it arrives too late",
               "every district wants the same pilot project", "small utilities need big partners",
               "nobody owns the maintenance problem")
ABBREVIATED = ("e.g. in {city} and {city2}", "i.e. after the {year} reform", "approx. {num} households",
               "cf. the {year} review", "see Annex {annex}", "Art. {annex} of the {year} act")
OPENERS = ("In {year}, ", "Since {year}, ", "By {year}, ", "In practice, ", "At the same time, ", "However, ",
           "For that reason, ", "In several countries, ", "According to recent figures, ", "Moreover, ",
           "Between {year} and {year2}, ")
LIST_INTROS = ("{ref} set out {count} priorities:", "{ref} proposed the following steps:",
               "The discussion identified several concerns:", "{ref} summarised the main findings as follows:",
               "Participants agreed on these recommendations:", "{ref} listed {count} lessons:")
BULLET_PHRASES = ("clearer rules for {object}", "joint funding of {object}", "better data on {object}",
                  "regular reviews of {object} by {actors}", "a common register of {object}",
                  "training for {actors} on {object}", "a fund for {object}{tail}")
