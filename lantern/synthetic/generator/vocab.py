"""Word lists for the synthetic county: names, places, streets, line names, ethnicity.

Our own lists rather than Faker's, so the same seed gives the same county whichever Faker
version is installed (Faker's data changes between releases). Place names are invented for
the fictional county of Ashdown; personal names are common given names and surnames combined
at random, so any resemblance to a real person is chance. Nothing here comes from real records.
"""

from __future__ import annotations

# --- Given names, grouped loosely by heritage so households are plausible --------------------
FIRST_NAMES: dict[str, dict[str, tuple[str, ...]]] = {
    "british": {
        "F": (
            "Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia",
            "Grace", "Freya", "Willow", "Florence", "Emily", "Ella", "Poppy", "Evie", "Elsie",
            "Charlotte", "Evelyn", "Sienna", "Daisy", "Phoebe", "Sophie", "Harper", "Millie",
            "Ruby", "Matilda", "Jessica", "Chloe", "Megan", "Lauren", "Hannah", "Bethany",
            "Courtney", "Shannon", "Jade", "Kayleigh", "Leah", "Amber", "Katie", "Abigail",
            "Paige", "Caitlin", "Holly", "Molly", "Erin", "Niamh", "Tilly", "Summer", "Maisie",
            "Lacey", "Skye", "Tia", "Demi", "Keira", "Libby", "Macie", "Elizabeth", "Rebecca",
            "Victoria", "Katherine", "Gemma", "Kirsty", "Natalie", "Stacey", "Donna", "Tracey",
            "Joanne", "Sarah", "Claire", "Helen", "Karen", "Susan", "Margaret", "Janet",
        ),
        "M": (
            "Oliver", "George", "Noah", "Arthur", "Leo", "Harry", "Oscar", "Archie", "Henry",
            "Theodore", "Freddie", "Jack", "Charlie", "Alfie", "Thomas", "Jacob", "William",
            "Joshua", "Lucas", "Max", "Finley", "Jayden", "Tyler", "Kyle", "Callum", "Connor",
            "Reece", "Kieran", "Bradley", "Jordan", "Liam", "Ryan", "Lewis", "Ethan", "Mason",
            "Logan", "Riley", "Harvey", "Louie", "Tommy", "Frankie", "Ronnie", "Kai", "Brandon",
            "Declan", "Dylan", "Owen", "Samuel", "Daniel", "Joseph", "Benjamin", "Matthew",
            "Alexander", "Christopher", "Jonathan", "Nathan", "Aaron", "Luke", "Jamie", "Ashley",
            "Shane", "Darren", "Wayne", "Lee", "Craig", "Stuart", "Gary", "Paul", "Mark",
            "Steven", "Andrew", "David", "Michael", "Peter", "Keith", "Colin",
        ),
    },
    "south_asian": {
        "F": (
            "Aisha", "Fatima", "Maryam", "Zara", "Amira", "Hafsa", "Inaya", "Sana", "Ayesha",
            "Noor", "Priya", "Anika", "Simran", "Jasmin", "Nadia", "Rukhsana", "Shabana",
            "Tahmina", "Sabrina", "Laila", "Mehreen", "Kiran", "Riya", "Anjali", "Farah",
        ),
        "M": (
            "Mohammed", "Muhammad", "Ali", "Ibrahim", "Yusuf", "Zain", "Ayaan", "Hamza",
            "Omar", "Bilal", "Imran", "Arjun", "Rohan", "Aarav", "Harjit", "Sukhdev", "Tariq",
            "Adnan", "Faisal", "Rahim", "Shahid", "Kamran", "Asif", "Nikhil", "Vikram",
        ),
    },
    "black": {
        "F": (
            "Amara", "Chloe", "Zainab", "Ife", "Adaeze", "Precious", "Blessing", "Shanice",
            "Tanisha", "Keisha", "Nia", "Abena", "Esi", "Chantelle", "Aaliyah", "Nadine",
            "Grace", "Favour", "Sade", "Temi", "Makeda", "Imani", "Jada", "Kemi", "Ruth",
        ),
        "M": (
            "Kwame", "Tobi", "Femi", "Chidi", "Emmanuel", "Jerome", "Marcus", "Tyrone",
            "Andre", "Malik", "Kofi", "Daniel", "David", "Samuel", "Isaac", "Joshua", "Elijah",
            "Tayo", "Kayode", "Nathaniel", "Jermaine", "Leon", "Darnell", "Ola", "Segun",
        ),
    },
    "european": {
        "F": (
            "Zuzanna", "Julia", "Natalia", "Maja", "Oliwia", "Alexandra", "Ioana", "Elena",
            "Andreea", "Daria", "Kamila", "Viktoria", "Agnieszka", "Laura", "Simona", "Ana",
            "Irina", "Monika", "Kristina", "Roksana",
        ),
        "M": (
            "Jakub", "Kacper", "Szymon", "Filip", "Mateusz", "Andrei", "Stefan", "Bogdan",
            "Luca", "Mihai", "Tomasz", "Piotr", "Lukas", "Marius", "Dawid", "Nikola",
            "Adrian", "Viktor", "Oskar", "Pavel",
        ),
    },
    "east_asian": {
        "F": ("Mei", "Lin", "Xin", "Yan", "Hui", "Jia", "Min", "Ling", "Thi", "Hoa"),
        "M": ("Wei", "Jun", "Hao", "Ming", "Chen", "Tuan", "Minh", "Long", "Kai", "Jian"),
    },
    "arab": {
        "F": ("Layla", "Mariam", "Huda", "Rania", "Salma", "Yasmin", "Dana", "Lina", "Reem", "Nour"),
        "M": ("Ahmed", "Khalid", "Yousef", "Omar", "Hassan", "Karim", "Sami", "Tarek", "Nabil", "Ziad"),
    },
}

SURNAMES: dict[str, tuple[str, ...]] = {
    "british": (
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
        "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall",
        "Wood", "Jackson", "Clarke", "Harris", "Lewis", "Martin", "Cooper", "King", "Baker",
        "Harrison", "Morgan", "Allen", "Young", "Hughes", "Edwards", "Hill", "Moore", "Clark",
        "Turner", "Ward", "Parker", "Carter", "Watson", "Morris", "Cook", "Bennett", "Phillips",
        "Gray", "Mitchell", "Kelly", "Shaw", "Lee", "Bailey", "Marshall", "Stevens", "Webb",
        "Russell", "Mills", "Hunt", "Holmes", "Palmer", "Mason", "Fox", "Knight", "Butler",
        "Barnes", "Lloyd", "Ellis", "Chapman", "Rose", "Dixon", "Fletcher", "Payne", "Pearce",
        "Ford", "Reid", "Matthews", "Grant", "Barker", "Gibson", "Burton", "Hudson", "Foster",
        "Cole", "Stone", "Lawrence", "Hart", "Owen", "Porter", "Kennedy", "Warren", "Jennings",
        "Dawson", "Saunders", "Rowe", "Sutton", "Hammond", "Cross", "Fowler", "Holland",
        "Hewitt", "Lambert", "Randall", "Osborne", "Pritchard", "Whitfield", "Ashworth",
        "Blackwood", "Cartwright", "Fairweather", "Greenhalgh", "Hollingsworth", "Kingsley",
        "Merriman", "Nettleton", "Pennington", "Rudd", "Thorne", "Underwood", "Wainwright",
        "Yardley", "McDonald", "O'Neill", "O'Brien", "Doyle", "Murphy", "Quinn", "Brennan",
        "Price", "Boswell", "Lovell", "Smyth", "Stephens", "Thomson", "Reed",
    ),
    "south_asian": (
        "Khan", "Ahmed", "Hussain", "Ali", "Begum", "Shah", "Patel", "Singh", "Kaur", "Sharma",
        "Iqbal", "Rahman", "Akhtar", "Malik", "Chaudhry", "Islam", "Mahmood", "Miah", "Uddin",
        "Gill", "Sandhu", "Mistry", "Desai", "Kumar", "Bhatti",
    ),
    "black": (
        "Okafor", "Adeyemi", "Mensah", "Boateng", "Owusu", "Asante", "Campbell", "Francis",
        "Richards", "Douglas", "Henry", "Thomas", "Johnson", "Williams", "Oduya", "Eze",
        "Nwosu", "Bello", "Ogunleye", "Addo", "Appiah", "Grant", "Edwards", "Clarke", "Lewis",
    ),
    "european": (
        "Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski", "Zielinski",
        "Popescu", "Ionescu", "Stan", "Dumitru", "Petrov", "Horvat", "Novak", "Kazlauskas",
        "Jankauskas", "Ozols", "Berzins", "Silva", "Santos", "Ferreira", "Rossi", "Russo",
        "Kovac", "Marin",
    ),
    "east_asian": ("Chen", "Wang", "Li", "Zhang", "Liu", "Nguyen", "Tran", "Pham", "Wong", "Lam"),
    "arab": ("Hassan", "Ibrahim", "Mansour", "Haddad", "Nasser", "Saleh", "Khalil", "Aziz", "Farouk", "Yassin"),
}

#: 2021 census categories (England and Wales) with rough shares for a shire county, and the
#: name pool each draws on (mixed heritage draws from two).
ETHNICITIES: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("White: English, Welsh, Scottish, Northern Irish or British", 0.770, ("british",)),
    ("White: Irish", 0.006, ("british",)),
    ("White: Gypsy or Irish Traveller", 0.003, ("british",)),
    ("White: Roma", 0.002, ("european",)),
    ("White: Other White", 0.055, ("european",)),
    ("Mixed: White and Black Caribbean", 0.012, ("british", "black")),
    ("Mixed: White and Black African", 0.006, ("british", "black")),
    ("Mixed: White and Asian", 0.010, ("british", "south_asian")),
    ("Mixed: Other Mixed", 0.008, ("british", "european")),
    ("Asian: Indian", 0.022, ("south_asian",)),
    ("Asian: Pakistani", 0.018, ("south_asian",)),
    ("Asian: Bangladeshi", 0.007, ("south_asian",)),
    ("Asian: Chinese", 0.006, ("east_asian",)),
    ("Asian: Other Asian", 0.010, ("south_asian", "east_asian")),
    ("Black: African", 0.025, ("black",)),
    ("Black: Caribbean", 0.010, ("black",)),
    ("Black: Other Black", 0.004, ("black",)),
    ("Other: Arab", 0.005, ("arab",)),
    ("Other: Any other ethnic group", 0.006, ("arab", "european")),
    ("Not known", 0.015, ("british",)),
)

#: Given names that belong to parents' and grandparents' generations: not given to anyone
#: born this century (a 12-year-old "Margaret" or "Gary" would look wrong in a demo).
OLDER_NAMES = frozenset((
    "Gemma", "Kirsty", "Natalie", "Stacey", "Donna", "Tracey", "Joanne", "Sarah", "Claire",
    "Helen", "Karen", "Susan", "Margaret", "Janet", "Shane", "Darren", "Wayne", "Lee", "Craig",
    "Stuart", "Gary", "Paul", "Mark", "Steven", "Andrew", "David", "Michael", "Peter", "Keith",
    "Colin", "Ashley", "Rukhsana", "Shabana", "Tahmina", "Harjit", "Sukhdev", "Agnieszka",
    "Monika", "Ruth",
))

#: Short forms and names a child is known by among friends (used as aliases and as the
#: "nickname instead of name" error in duplicate records).
NICKNAMES: dict[str, tuple[str, ...]] = {
    "Oliver": ("Ollie",), "Alexander": ("Alex", "Xander"), "Thomas": ("Tom", "Tommy"),
    "William": ("Will", "Billy"), "Joseph": ("Joe", "Joey"), "Daniel": ("Dan", "Danny"),
    "Samuel": ("Sam", "Sammy"), "Benjamin": ("Ben", "Benji"), "Matthew": ("Matt",),
    "Christopher": ("Chris",), "Jonathan": ("Jon", "Jonny"), "Nathaniel": ("Nate",),
    "Nathan": ("Nate",), "Jayden": ("Jay",), "Tyler": ("Ty",), "Kieran": ("Kez",),
    "Bradley": ("Brad",), "Callum": ("Cal",), "Joshua": ("Josh",), "Jacob": ("Jake",),
    "Theodore": ("Theo", "Teddy"), "Frederick": ("Fred",), "Freddie": ("Fred",),
    "Harrison": ("Harry",), "Lewis": ("Lew",), "Mohammed": ("Mo", "Moe"),
    "Muhammad": ("Mo",), "Ibrahim": ("Ibby",), "Emmanuel": ("Manny",), "Jerome": ("Rome",),
    "Marcus": ("Marky",), "Kwame": ("Kay",), "Elijah": ("Eli",), "Andrew": ("Andy",),
    "Michael": ("Mike", "Mikey"), "Jakub": ("Kuba",), "Mateusz": ("Mati",),
    "Olivia": ("Liv", "Livvy"), "Isabella": ("Izzy", "Bella"), "Elizabeth": ("Beth", "Lizzie"),
    "Jessica": ("Jess",), "Rebecca": ("Becky", "Becca"), "Victoria": ("Tori", "Vicky"),
    "Abigail": ("Abbie", "Abi"), "Katherine": ("Kate", "Katie"), "Amelia": ("Millie", "Mia"),
    "Charlotte": ("Charlie", "Lottie"), "Florence": ("Flo",), "Matilda": ("Tilly",),
    "Evelyn": ("Evie",), "Natalie": ("Nat",), "Alexandra": ("Alex", "Ola"),
    "Natalia": ("Nat",), "Kayleigh": ("Kay",), "Courtney": ("Court",), "Bethany": ("Beth",),
    "Gemma": ("Gem",), "Sophia": ("Sophie",), "Phoebe": ("Phoebs",), "Aaliyah": ("Liyah",),
    "Amara": ("Mara",), "Precious": ("Presh",), "Zuzanna": ("Zuza",),
}

#: Other spellings of the same name (duplicate records and alias "other spelling").
SPELLINGS: dict[str, tuple[str, ...]] = {
    "Mohammed": ("Muhammad", "Mohamed", "Mohammad"), "Muhammad": ("Mohammed", "Muhammed"),
    "Aisha": ("Ayesha", "Aysha"), "Ayesha": ("Aisha",), "Katie": ("Katy", "Katey"),
    "Jayden": ("Jaden", "Jaiden"), "Leah": ("Lea", "Leigh"), "Caitlin": ("Kaitlyn", "Katelyn"),
    "Aaliyah": ("Aliyah", "Aleah"), "Kayleigh": ("Kayley", "Kaylee"), "Macie": ("Macey", "Maci"),
    "Lacey": ("Lacie",), "Jade": ("Jayde",), "Tia": ("Tiah",), "Keira": ("Kiera",),
    "Connor": ("Conor",), "Reece": ("Rhys", "Reese"), "Kyle": ("Kyal",), "Jamie": ("Jaime",),
    "Ashley": ("Ashleigh",), "Callum": ("Calum",), "Louie": ("Louis",), "Shanice": ("Shaniece",),
    "Zara": ("Zahra",), "Zainab": ("Zaynab",), "Yusuf": ("Yousef", "Yusef"),
    "Stephens": ("Stevens",), "Stevens": ("Stephens",), "Thomson": ("Thompson",),
    "Thompson": ("Thomson",), "Phillips": ("Philips",), "Matthews": ("Mathews",),
    "Smyth": ("Smith",), "Clarke": ("Clark",), "Clark": ("Clarke",), "Reid": ("Reed", "Read"),
    "Reed": ("Reid",), "McDonald": ("MacDonald", "Macdonald"), "O'Neill": ("O'Neil", "ONeill"),
    "O'Brien": ("OBrien",), "Hussain": ("Hussein", "Husain"), "Chaudhry": ("Choudhury",),
    "Mahmood": ("Mahmud",), "Ahmed": ("Ahmad",), "Nowak": ("Novak",),
    "Wisniewski": ("Wisnewski",), "Nguyen": ("Nguyễn",), "Okafor": ("Okafur",),
}

# --- Places -----------------------------------------------------------------------------------
#: Towns per district (the first is the district's main town). All invented.
TOWNS: dict[str, tuple[str, ...]] = {
    "Harrowden": ("Harrowden", "Brackenhurst", "Fallowmere"),
    "Kelbrook": ("Kelbrook", "Thornwick Green", "Coldmarsh"),
    "Marlcombe": ("Marlcombe", "Ditchbury", "Wenlow"),
    "Wyvern Vale": ("Wyvernford", "Lower Sedgecombe", "Hollinsford"),
    "Saltmarsh": ("Saltmarsh", "Gullhaven", "Shingle Cross"),
    "Eastleigh Down": ("Eastleigh Down", "Pennock", "Alderwick Magna"),
}

#: Invented cities outside the county from which County Lines are run.
EXPORTING_CITIES: tuple[str, ...] = ("Porthaven", "Greyminster", "Calderbury", "Kingsmere", "Ravensport")

STREET_FIRST: tuple[str, ...] = (
    "Mill", "Church", "Station", "Chapel", "Orchard", "Meadow", "Willow", "Kingfisher", "Beech",
    "Rowan", "Hawthorn", "Victoria", "Albert", "Queens", "Park", "Brook", "Elm", "Ash", "Oak",
    "Cedar", "Heron", "Lark", "Fox", "Badger", "Coronation", "Jubilee", "School", "Forge",
    "Bridge", "Castle", "Abbey", "Priory", "Green", "High", "Wharf", "Canal", "Tannery",
    "Rope Walk", "Saxon", "Minster", "Copse", "Furlong", "Pound", "Sheep", "Barley", "Clover",
    "Foxglove", "Primrose", "Bluebell", "Larkspur", "Swallow", "Sparrow", "Wren", "Kestrel",
    "Falcon", "Osprey", "Harrier", "Linnet", "Finch", "Plover",
)
STREET_LAST: tuple[str, ...] = (
    "Street", "Road", "Lane", "Close", "Avenue", "Way", "Crescent", "Gardens", "Drive", "Court",
    "Place", "Walk", "Rise", "Grove", "Terrace", "View", "Mews", "Row",
)
BLOCK_NAMES: tuple[str, ...] = (
    "Kestrel House", "Heron Court", "Marlow Tower", "Beacon House", "Sedge Court", "Tern House",
    "Wharfside", "Foundry Court", "Millstream House", "Granary Court", "Lockkeeper House",
)

# --- County Lines -----------------------------------------------------------------------------
LINE_BRANDS: tuple[str, ...] = (
    "Ace", "Bolt", "Dex", "Echo", "Fizz", "Ghost", "Hex", "Jet", "Kilo", "Lux", "Milo", "Nova",
    "Onyx", "Pip", "Quinn", "Rex", "Sonic", "Tank", "Vex", "Zed", "Blaze", "Cash", "Drift",
    "Flash", "Gold", "Jinx", "King", "Loco", "Max", "Neon", "Orbit", "Prince", "Rico", "Storm",
    "Turbo", "Viper", "Wolf", "Zulu",
)

#: Other counties for the national scale (Ashdown is always county 0). All invented.
COUNTY_NAMES: tuple[str, ...] = (
    "Ashdown", "Brackenmoor", "Calderwick", "Dunmere", "Elmshire", "Fenwold", "Glenhollow",
    "Harrowfield", "Ivybridge Vale", "Juniper Downs", "Kestrelmoor", "Lindenshire", "Marshfold",
    "Northwold", "Oakhaven", "Pennmarsh", "Quarrybrook", "Ravenshire", "Saltcombe Vale",
    "Thornbury Wolds", "Upperdale", "Vellmoor", "Westerleigh", "Yarrowshire", "Ambershire",
    "Beckdale", "Coldfell", "Deepwater", "Eastwold", "Foxmoor", "Greywold", "Hollowmere",
    "Ironbridge Vale", "Kingsfold", "Lowmarsh", "Millshire", "Nethercombe", "Oldmoor",
    "Pikesdale", "Ridgewold",
)
DISTRICT_SYLLABLES: tuple[tuple[str, ...], tuple[str, ...]] = (
    ("Ash", "Brad", "Cal", "Dun", "Ed", "Fal", "Gar", "Hol", "Ing", "Kel", "Lang", "Mar", "Nor",
     "Ock", "Pen", "Rad", "Sal", "Thorn", "Up", "Wen", "Wyn", "Bram", "Cran", "Hart"),
    ("ford", "ley", "bury", "ton", "wick", "combe", "field", "mere", "hurst", "borough", "dale",
     "stow", "worth", "ham", "by", "brook"),
)
