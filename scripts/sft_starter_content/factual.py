"""factual_qa content: fact tables and question templates for scripts/make_sft_starter.py.

Only settled, well-known facts. The generator samples each table and fills the templates.
CAPITALS and ELEMENTS are frozen: held-out eval prompts are built from capitals and chemical
elements, so no new entries (or capital / element questions elsewhere) may be added here.
"""

# (country, capital, note or "")
CAPITALS = [
    ("France", "Paris", ""),
    ("Germany", "Berlin", ""),
    ("Italy", "Rome", ""),
    ("Spain", "Madrid", ""),
    ("Portugal", "Lisbon", ""),
    ("Japan", "Tokyo", ""),
    ("Canada", "Ottawa", "Toronto is the largest city."),
    ("Brazil", "Brasília", "It is a planned city that became the capital in 1960, replacing Rio de Janeiro."),
    ("Egypt", "Cairo", ""),
    ("Kenya", "Nairobi", ""),
    ("India", "New Delhi", ""),
    ("China", "Beijing", ""),
    ("Mexico", "Mexico City", ""),
    ("Argentina", "Buenos Aires", ""),
    ("Norway", "Oslo", ""),
    ("Sweden", "Stockholm", ""),
    ("Poland", "Warsaw", ""),
    ("Greece", "Athens", ""),
    ("Ireland", "Dublin", ""),
    ("South Korea", "Seoul", ""),
    ("Peru", "Lima", ""),
    ("Turkey", "Ankara", "It has been the capital since 1923; Istanbul is the largest city."),
    ("Nigeria", "Abuja", "It replaced Lagos as the capital in 1991."),
    ("Austria", "Vienna", ""),
    ("New Zealand", "Wellington", ""),
    ("Finland", "Helsinki", ""),
    ("Denmark", "Copenhagen", ""),
    ("Hungary", "Budapest", ""),
    ("Cuba", "Havana", ""),
    ("Colombia", "Bogotá", ""),
    ("Morocco", "Rabat", "Casablanca is the largest city."),
    ("Iceland", "Reykjavík", ""),
]
CAPITAL_QUESTIONS = [
    "What is the capital of {country}?",
    "Which city is the capital of {country}?",
    "What's the capital city of {country}?",
    "Name the capital of {country}.",
]
CAPITAL_ANSWERS = [
    "The capital of {country} is {capital}.",
    "{capital} is the capital of {country}.",
    "It's {capital}.",
]

# (name, symbol, atomic number, note on the symbol or "")
ELEMENTS = [
    ("hydrogen", "H", 1, ""),
    ("helium", "He", 2, ""),
    ("carbon", "C", 6, ""),
    ("nitrogen", "N", 7, ""),
    ("oxygen", "O", 8, ""),
    ("neon", "Ne", 10, ""),
    ("sodium", "Na", 11, "The symbol comes from its New Latin name, natrium."),
    ("magnesium", "Mg", 12, ""),
    ("aluminium", "Al", 13, ""),
    ("silicon", "Si", 14, ""),
    ("sulfur", "S", 16, ""),
    ("chlorine", "Cl", 17, ""),
    ("potassium", "K", 19, "The symbol comes from its New Latin name, kalium."),
    ("calcium", "Ca", 20, ""),
    ("iron", "Fe", 26, "The symbol comes from its Latin name, ferrum."),
    ("copper", "Cu", 29, "The symbol comes from its Latin name, cuprum."),
    ("zinc", "Zn", 30, ""),
    ("silver", "Ag", 47, "The symbol comes from its Latin name, argentum."),
    ("tin", "Sn", 50, "The symbol comes from its Latin name, stannum."),
    ("gold", "Au", 79, "The symbol comes from its Latin name, aurum."),
    ("mercury", "Hg", 80, "The symbol comes from its Latin name, hydrargyrum (\"liquid silver\")."),
    ("lead", "Pb", 82, "The symbol comes from its Latin name, plumbum."),
    ("uranium", "U", 92, ""),
]

PLANETS = ["Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]
PLANET_NOTES = {
    "Mercury": "It is also the smallest planet.",
    "Venus": "It is the hottest planet, because its thick carbon dioxide atmosphere traps heat.",
    "Earth": "It is the only planet known to support life.",
    "Mars": "It looks red because its surface dust is rich in iron oxide.",
    "Jupiter": "It is the largest planet in the solar system.",
    "Saturn": "It is best known for its bright, wide rings.",
    "Uranus": "It spins on its side, with its axis tilted by about 98 degrees.",
    "Neptune": "It is the farthest planet from the Sun.",
}
PLANET_QUESTIONS = [
    "Which planet is {ordinal} from the Sun?",
    "What is the {ordinal} planet from the Sun?",
    "Counting outward from the Sun, which planet comes {ordinal}?",
]

# (question phrasings, answer); one phrasing is picked per fact.
SPACE_FACTS = [
    (["How many planets are in the solar system?", "How many planets orbit the Sun?"],
     "There are eight: Mercury, Venus, Earth, Mars, Jupiter, Saturn, Uranus and Neptune. "
     "Pluto was reclassified as a dwarf planet in 2006."),
    (["Which planet is the largest in our solar system?", "What's the biggest planet?"],
     "Jupiter. It is more than twice as massive as all the other planets combined."),
    (["Does the Moon make its own light?", "Why does the Moon shine?"],
     "The Moon makes no light of its own. Moonlight is sunlight reflected off its surface."),
    (["What causes the seasons on Earth?", "Why do we have seasons?"],
     "Earth's axis is tilted by about 23.4 degrees. As Earth orbits the Sun, each hemisphere spends "
     "part of the year tilted towards the Sun (summer: more direct light and longer days) and part "
     "tilted away (winter). The seasons are not caused by changes in Earth's distance from the Sun."),
    (["What is the closest star to Earth?", "Which star is nearest to us?"],
     "The Sun. The next closest is Proxima Centauri, about 4.24 light-years away."),
]

SCIENCE_FACTS = [
    (["At what temperature does water boil?", "What is the boiling point of water?"],
     "At sea level (standard atmospheric pressure), water boils at 100 °C, which is 212 °F. "
     "At higher altitudes it boils at a lower temperature."),
    (["At what temperature does water freeze?", "What is the freezing point of water?"],
     "Pure water freezes at 0 °C (32 °F) at standard atmospheric pressure."),
    (["What is the chemical formula of water?", "What is water made of, chemically?"],
     "H2O: each water molecule has two hydrogen atoms bonded to one oxygen atom."),
    (["How fast does light travel?", "What is the speed of light?"],
     "In a vacuum, light travels at exactly 299,792,458 metres per second, about 300,000 km per second."),
    (["Which gas do plants take in for photosynthesis?", "What gas do plants absorb from the air to make food?"],
     "Carbon dioxide. Using light energy, plants turn carbon dioxide and water into glucose and release oxygen."),
    (["How many bones are in the adult human body?", "How many bones does an adult human have?"],
     "An adult human typically has 206 bones. Babies are born with more, and some fuse together as they grow."),
    (["How many chambers does the human heart have?", "How many chambers are in a human heart?"],
     "Four: two upper chambers (the left and right atria) and two lower chambers (the left and right ventricles)."),
    (["What does DNA stand for?", "What is DNA short for?"],
     "DNA stands for deoxyribonucleic acid, the molecule that carries genetic instructions in living things."),
    (["What is the most common gas in Earth's atmosphere?", "Which gas makes up most of the air?"],
     "Nitrogen, at about 78% of the atmosphere. Oxygen is next at about 21%."),
    (["What is the pH of pure water?", "Is pure water acidic or basic?"],
     "Pure water at 25 °C has a pH of 7, which is neutral: neither acidic nor basic."),
    (["How long does sunlight take to reach Earth?", "How many minutes does light from the Sun take to get here?"],
     "About 8 minutes and 20 seconds, on average."),
    (["What is the acceleration due to gravity on Earth?", "How fast do falling objects accelerate on Earth?"],
     "About 9.8 m/s² near Earth's surface (the standard value is 9.80665 m/s²), ignoring air resistance."),
    (["What do mitochondria do?", "Why are mitochondria called the powerhouse of the cell?"],
     "Mitochondria release energy from food through cellular respiration and produce most of the cell's "
     "ATP, the molecule cells use as an energy source."),
    (["What is the hardest natural material?", "Which natural substance is the hardest?"],
     "Diamond, a form of pure carbon, is the hardest naturally occurring material."),
    (["What is the largest organ of the human body?", "Which organ in the human body is the biggest?"],
     "The skin. It covers the whole body, protecting it and helping control temperature."),
]

# (quantity, unit, symbol, definition or "")
SI_UNITS = [
    ("force", "newton", "N", "One newton is 1 kg·m/s²."),
    ("energy", "joule", "J", "One joule is one newton-metre."),
    ("power", "watt", "W", "One watt is one joule per second."),
    ("electric current", "ampere", "A", ""),
    ("temperature", "kelvin", "K", "A change of 1 K is the same size as a change of 1 °C."),
    ("pressure", "pascal", "Pa", "One pascal is one newton per square metre."),
    ("frequency", "hertz", "Hz", "One hertz is one cycle per second."),
    ("electrical resistance", "ohm", "Ω", "One ohm is one volt per ampere."),
    ("voltage", "volt", "V", "One volt is one joule per coulomb."),
    ("electric charge", "coulomb", "C", "One coulomb is one ampere-second."),
    ("amount of substance", "mole", "mol", ""),
    ("mass", "kilogram", "kg", ""),
]
SI_QUESTIONS = [
    "What is the SI unit of {quantity}?",
    "Which SI unit is used to measure {quantity}?",
    "In SI units, what is {quantity} measured in?",
]

# (question phrasings, answer)
UNIT_COUNTS = [
    (["How many centimetres are in a metre?", "How many cm make one metre?"], "There are 100 centimetres in a metre."),
    (["How many metres are in a kilometre?", "How many metres make a kilometre?"], "There are 1,000 metres in a kilometre."),
    (["How many seconds are in an hour?", "How many seconds make one hour?"], "3,600: 60 seconds × 60 minutes."),
    (["How many minutes are in a day?", "How many minutes does a day have?"], "1,440: 24 hours × 60 minutes."),
    (["How many days are in a leap year?", "How long is a leap year in days?"],
     "A leap year has 366 days; the extra day is 29 February."),
    (["How many grams are in a kilogram?", "How many grams make a kilogram?"], "There are 1,000 grams in a kilogram."),
    (["How many millilitres are in a litre?", "How many ml make a litre?"], "There are 1,000 millilitres in a litre."),
    (["How many hours are in a week?", "How many hours does a week have?"], "168: 7 days × 24 hours."),
]

INVENTION_FACTS = [
    (["Who invented the telephone?", "Who is credited with inventing the telephone?"],
     "Alexander Graham Bell is credited with inventing the telephone; he was granted the first US patent for it in 1876."),
    (["Who invented the World Wide Web?", "Who created the web?"],
     "Tim Berners-Lee. He proposed the World Wide Web in 1989 while working at CERN."),
    (["Who discovered penicillin?", "Who found penicillin?"],
     "Alexander Fleming discovered penicillin in 1928."),
    (["Who made the first successful powered airplane flight?", "Who flew the first powered, controlled airplane?"],
     "Orville and Wilbur Wright, near Kitty Hawk, North Carolina, on 17 December 1903."),
    (["Who developed the first smallpox vaccine?", "Who created the first vaccine?"],
     "Edward Jenner. In 1796 he showed that material from cowpox could protect people against smallpox."),
    (["Who created the periodic table?", "Who is known for the periodic table of elements?"],
     "Dmitri Mendeleev, who published his periodic table in 1869 and left gaps for elements not yet discovered."),
    (["Who invented dynamite?", "Who patented dynamite?"],
     "Alfred Nobel, who patented it in 1867. His fortune later funded the Nobel Prizes."),
    (["Who developed the theory of general relativity?", "Who came up with general relativity?"],
     "Albert Einstein, who published the theory of general relativity in 1915."),
    (["Who was the first person to walk on the Moon?", "Who first stepped onto the Moon?"],
     "Neil Armstrong, on 20 July 1969, during the Apollo 11 mission."),
    (["Who formulated the laws of motion?", "Who described the three laws of motion?"],
     "Isaac Newton, in his Principia, published in 1687."),
    (["Who discovered radioactivity?", "Who first discovered radioactivity?"],
     "Henri Becquerel discovered radioactivity in 1896, while studying uranium salts."),
    (["Who first used movable-type printing in Europe?", "Who introduced the printing press with movable type to Europe?"],
     "Johannes Gutenberg, in the mid-15th century. His Bible was printed in the 1450s."),
]

FACTUAL_MULTI_TURN = [
    [("Is Sydney the capital of Australia?",
      "No. The capital of Australia is Canberra. Sydney is the largest city."),
     ("Why wasn't Sydney chosen?",
      "When Australia federated in 1901, Sydney and Melbourne were rivals for the title. As a compromise, "
      "a new capital was built between them: the site of Canberra was chosen in 1908, and Parliament moved "
      "there in 1927.")],
]
