"""More factual_qa content for scripts/make_sft_starter.py: animals, the human body, geography,
famous works, earth science and everyday maths and history.

Each entry is (question phrasings, answer); the generator picks one phrasing per fact. Only settled,
well-known facts, with figures rounded as they are usually quoted. Deliberately no country capitals
and no chemical elements: held-out eval prompts are built from those.
"""

ANIMAL_FACTS = [
    (["Which mammals lay eggs?", "Are there any mammals that lay eggs?"],
     "Yes: the platypus and the echidnas, a group called monotremes. They lay eggs but, like other mammals, feed their young on milk."),
    (["What is the fastest land animal?", "Which animal is fastest on land?"],
     "The cheetah. It can sprint at around 100 km/h, but only for short bursts of a few hundred metres."),
    (["How many legs does a spider have?", "Do spiders have six legs or eight?"],
     "Eight. Spiders are arachnids, a group that also includes scorpions, mites and ticks."),
    (["Are bats mammals?", "Is a bat a bird or a mammal?"],
     "Bats are mammals: they have fur and feed their young on milk. They are the only mammals capable of true flight."),
    (["Is a whale a fish?", "Are whales fish or mammals?"],
     "No, whales are mammals. They breathe air through lungs, are warm-blooded and feed their calves on milk."),
    (["How long is an elephant pregnant?", "How long does an elephant pregnancy last?"],
     "About 22 months for an African elephant, the longest pregnancy of any land mammal."),
    (["What do giant pandas eat?", "What is a giant panda's diet?"],
     "Almost entirely bamboo, which makes up about 99% of their diet. They eat for many hours a day because bamboo is low in nutrients."),
    (["How many bones are in the human hand?", "How many bones does one hand have?"],
     "27, counting the 8 small bones of the wrist, the 5 bones of the palm and the 14 finger bones."),
    (["Which bird lays the biggest eggs?", "What bird has the largest egg?"],
     "The ostrich. Its eggs are about 15 cm long and weigh around 1.4 kg, roughly the same as two dozen hen's eggs."),
    (["What is a baby kangaroo called?", "What do you call a young kangaroo?"],
     "A joey. It is born tiny and grows in its mother's pouch for several months."),
    (["What is a group of lions called?", "What's the word for a group of lions?"],
     "A pride. A pride is usually made up of related females, their cubs and a few adult males."),
    (["How do bees make honey?", "How is honey made by bees?"],
     "Bees collect nectar from flowers and add enzymes to it. Back in the hive, they store it in wax cells and fan it with their wings until enough water evaporates to turn it into honey, then seal the cells with wax."),
    (["What is the tallest animal?", "Which animal is the tallest in the world?"],
     "The giraffe. Adult males can be around 5.5 metres tall."),
]

BODY_FACTS = [
    (["What is the smallest bone in the human body?", "Which bone in the body is the smallest?"],
     "The stapes (or stirrup), one of the three tiny bones in the middle ear. It is about 3 mm long."),
    (["What does the liver do?", "What is the liver's job in the body?"],
     "The liver filters the blood and breaks down toxins and medicines, makes bile to help digest fats, stores energy as glycogen, and makes important proteins, including ones that help blood clot."),
    (["What do red blood cells do?", "What is the job of red blood cells?"],
     "They carry oxygen from the lungs to the rest of the body, using a protein called haemoglobin, and help carry carbon dioxide back to the lungs."),
    (["What is normal human body temperature?", "What temperature is the human body normally?"],
     "About 37 °C (98.6 °F), though a healthy person's temperature varies a little during the day and from person to person."),
    (["How many vertebrae are in the human spine?", "How many bones make up the spine?"],
     "Usually 33 vertebrae. The lowest nine fuse in adults into the sacrum and the coccyx (tailbone)."),
    (["How much blood is in the human body?", "How many litres of blood does an adult have?"],
     "An average adult has about 5 litres of blood, depending on body size."),
    (["What does insulin do?", "What is insulin for?"],
     "Insulin is a hormone made by the pancreas. It lets cells take in glucose from the blood, lowering blood sugar after you eat."),
]

GEOGRAPHY_FACTS = [
    (["What is the largest desert in the world?", "Which desert is the biggest?"],
     "Antarctica. A desert is defined by how little precipitation it gets, not by heat, and Antarctica gets very little."),
    (["What is the longest river in the world?", "Which river is the longest?"],
     "The Nile, at about 6,650 km, is usually listed as the longest. Some measurements put the Amazon slightly longer, because it depends on where you say a river starts."),
    (["How many continents are there?", "What are the continents?"],
     "By the most common convention, seven: Africa, Antarctica, Asia, Australia (or Oceania), Europe, North America and South America."),
    (["What is the largest lake in Africa?", "Which lake is Africa's biggest?"],
     "Lake Victoria, shared by Uganda, Kenya and Tanzania. It is one of the sources of the Nile."),
    (["What is the largest island in the world?", "Which island is the biggest?"],
     "Greenland. Australia is larger, but it is counted as a continent rather than an island."),
    (["What is the largest continent?", "Which continent is the biggest?"],
     "Asia, both by area and by population."),
    (["What is the deepest point in the ocean?", "Where is the deepest part of the ocean?"],
     "The Challenger Deep in the Mariana Trench, in the western Pacific. It is nearly 11,000 metres deep."),
    (["What is the largest country by area?", "Which country is the biggest in size?"],
     "Russia, at about 17 million square kilometres. It spans eleven time zones."),
    (["What is the equator?", "Where is the equator?"],
     "The equator is the imaginary line around the middle of Earth at 0° latitude, dividing it into the Northern and Southern Hemispheres. It is about 40,075 km long."),
]

WORKS_FACTS = [
    (["Who wrote Romeo and Juliet?", "Which playwright wrote Romeo and Juliet?"],
     "William Shakespeare, in the mid-1590s."),
    (["Who painted the ceiling of the Sistine Chapel?", "Which artist painted the Sistine Chapel ceiling?"],
     "Michelangelo, between 1508 and 1512."),
    (["Who composed The Four Seasons?", "Which composer wrote The Four Seasons?"],
     "Antonio Vivaldi. The four violin concertos were published in 1725."),
    (["Who is said to have written the Odyssey?", "Who wrote the Odyssey?"],
     "The ancient Greek poet Homer, who is also credited with the Iliad. Historians still debate how the poems were composed."),
    (["Who wrote War and Peace?", "Who is the author of War and Peace?"],
     "Leo Tolstoy. It was published in full in 1869."),
    (["Who wrote the novel 1984?", "Who is the author of Nineteen Eighty-Four?"],
     "George Orwell. It was published in 1949."),
    (["Who painted The Starry Night?", "Which artist painted The Starry Night?"],
     "Vincent van Gogh, in 1889."),
    (["Who wrote Don Quixote?", "Who is the author of Don Quixote?"],
     "Miguel de Cervantes. It was published in two parts, in 1605 and 1615."),
    (["Who wrote On the Origin of Species?", "Which scientist wrote On the Origin of Species?"],
     "Charles Darwin. It was published in 1859 and set out his theory of evolution by natural selection."),
]

EARTH_FACTS = [
    (["What causes a rainbow?", "How do rainbows form?"],
     "Sunlight enters raindrops, bends (refracts), reflects off the back of the drop and bends again on the way out. Each colour bends by a slightly different amount, so white light spreads into a band of colours. You see a rainbow with the Sun behind you."),
    (["What causes thunder?", "Why does lightning make thunder?"],
     "A lightning bolt heats the air around it extremely quickly, to tens of thousands of degrees. The air expands explosively, creating the shock wave we hear as thunder."),
    (["Why is the sky blue?", "What makes the sky look blue?"],
     "Sunlight contains all colours. Air molecules scatter short, blue wavelengths much more than long, red ones, so blue light reaches your eyes from every part of the sky. This is called Rayleigh scattering."),
    (["Does seawater freeze at 0 °C?", "At what temperature does seawater freeze?"],
     "No. The salt lowers its freezing point, so typical seawater freezes at about −2 °C."),
    (["How long does Earth take to spin once on its axis?", "How long is one rotation of the Earth?"],
     "About 24 hours relative to the Sun, which is what makes a day. Measured against distant stars, it takes about 23 hours and 56 minutes."),
    (["What causes the tides?", "Why does the sea have tides?"],
     "Mainly the Moon's gravity, with help from the Sun's. It pulls the oceans into bulges on the sides of Earth facing towards and away from the Moon, so most coasts get two high tides and two low tides a day."),
    (["What causes earthquakes?", "Why do earthquakes happen?"],
     "Earth's outer layer is broken into tectonic plates that move slowly. Stress builds up where they meet, and when the rocks suddenly slip along a fault, the released energy travels as seismic waves that shake the ground."),
    (["What are the three main types of rock?", "What are the kinds of rock called?"],
     "Igneous (cooled from molten rock, like granite), sedimentary (layers of pressed particles, like sandstone) and metamorphic (changed by heat and pressure, like marble)."),
    (["What is the water cycle?", "How does the water cycle work?"],
     "Water evaporates from oceans, lakes and plants, condenses into clouds as it cools, falls as precipitation (rain, snow or hail), and collects in rivers, the ground and the sea, and then the cycle starts again."),
    (["Why do we see lightning before we hear thunder?", "Why does thunder come after the lightning?"],
     "Light travels about a million times faster than sound. Sound covers roughly 1 km every 3 seconds, so counting the seconds between flash and thunder gives a rough distance to the storm."),
]

MISC_FACTS = [
    (["How many sides does a hexagon have?", "What shape has six sides?"],
     "A hexagon has six sides and six angles. Honeycomb cells are a familiar example."),
    (["What is the value of pi?", "What is pi?"],
     "Pi (π) is the ratio of a circle's circumference to its diameter, about 3.14159. Its digits go on forever without repeating."),
    (["Who was the first woman to win a Nobel Prize?", "Which woman first won a Nobel Prize?"],
     "Marie Curie, who shared the 1903 Nobel Prize in Physics. She won a second, in Chemistry, in 1911."),
    (["What is the largest coral reef system?", "Where is the biggest coral reef?"],
     "The Great Barrier Reef, off the coast of Queensland, Australia. It stretches for about 2,300 km and can be seen from space."),
    (["How many strings does a standard guitar have?", "How many strings are on a normal guitar?"],
     "Six. From lowest to highest, they are usually tuned E, A, D, G, B, E."),
]

FACTUAL_MORE_MULTI_TURN = [
    [("What is the tallest mountain in the world?",
      "Mount Everest, in the Himalayas, on the border between Nepal and China. Its summit is 8,849 metres above sea level."),
     ("And the tallest mountain in Africa?",
      "Mount Kilimanjaro in Tanzania, at about 5,895 metres. It is a dormant volcano and the highest free-standing mountain in the world.")],
]

FACT_TABLES_MORE = [ANIMAL_FACTS, BODY_FACTS, GEOGRAPHY_FACTS, WORKS_FACTS, EARTH_FACTS, MISC_FACTS]
