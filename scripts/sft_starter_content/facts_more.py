"""More factual_qa content for scripts/make_sft_starter.py: animals, the human body, geography,
famous works, earth science and everyday maths and history.

Each entry is (question phrasings, answer); the generator picks one phrasing per fact. Only settled,
well-known facts, with figures rounded as they are usually quoted. Deliberately no country capitals
and no chemical elements: held-out eval prompts are built from those.
"""

ANIMAL_FACTS = [
    (["What is the largest animal that has ever lived?", "Which animal is the biggest ever known?"],
     "The blue whale. Adults can be around 30 metres long, larger than any known dinosaur."),
    (["What is the fastest land animal?", "Which animal is fastest on land?"],
     "The cheetah. It can sprint at around 100 km/h, but only for short bursts of a few hundred metres."),
    (["How many legs does a spider have?", "Do spiders have six legs or eight?"],
     "Eight. Spiders are arachnids, not insects; insects have six legs."),
    (["Are bats mammals?", "Is a bat a bird or a mammal?"],
     "Bats are mammals: they have fur and feed their young on milk. They are the only mammals capable of true flight."),
    (["Is a whale a fish?", "Are whales fish or mammals?"],
     "No, whales are mammals. They breathe air through lungs, are warm-blooded and feed their calves on milk."),
    (["How long is an elephant pregnant?", "How long does an elephant pregnancy last?"],
     "About 22 months for an African elephant, the longest pregnancy of any land mammal."),
    (["What do giant pandas eat?", "What is a giant panda's diet?"],
     "Almost entirely bamboo, which makes up about 99% of their diet. They eat for many hours a day because bamboo is low in nutrients."),
    (["How many hearts does an octopus have?", "Is it true that an octopus has more than one heart?"],
     "Yes, an octopus has three hearts: two pump blood through the gills and one pumps it around the rest of the body."),
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
    (["How many teeth does an adult human have?", "How many adult teeth do people have?"],
     "A full adult set is 32 teeth, including the four wisdom teeth. Children have 20 baby teeth."),
    (["What is the smallest bone in the human body?", "Which bone in the body is the smallest?"],
     "The stapes (or stirrup), one of the three tiny bones in the middle ear. It is about 3 mm long."),
    (["What does the liver do?", "What is the liver's job in the body?"],
     "The liver filters the blood and breaks down toxins and medicines, makes bile to help digest fats, stores energy as glycogen, and makes important proteins, including ones that help blood clot."),
    (["What do red blood cells do?", "What is the job of red blood cells?"],
     "They carry oxygen from the lungs to the rest of the body, using a protein called haemoglobin, and help carry carbon dioxide back to the lungs."),
    (["What is normal human body temperature?", "What temperature is the human body normally?"],
     "About 37 °C (98.6 °F), though a healthy person's temperature varies a little during the day and from person to person."),
    (["What is the longest bone in the human body?", "Which bone is the biggest in the body?"],
     "The femur, or thigh bone. It is also the strongest bone in the body."),
    (["How much blood is in the human body?", "How many litres of blood does an adult have?"],
     "An average adult has about 5 litres of blood, depending on body size."),
    (["What does insulin do?", "What is insulin for?"],
     "Insulin is a hormone made by the pancreas. It lets cells take in glucose from the blood, lowering blood sugar after you eat."),
]

GEOGRAPHY_FACTS = [
    (["What is the largest ocean?", "Which ocean is the biggest?"],
     "The Pacific Ocean. It covers about a third of Earth's surface, more than all the land combined."),
    (["What is the largest desert in the world?", "Which desert is the biggest?"],
     "Antarctica, because a desert is defined by low precipitation, not heat. The largest hot desert is the Sahara in northern Africa."),
    (["What is the longest river in the world?", "Which river is the longest?"],
     "The Nile, at about 6,650 km, is usually listed as the longest. Some measurements put the Amazon slightly longer, because it depends on where you say a river starts."),
    (["How many continents are there?", "What are the continents?"],
     "By the most common convention, seven: Africa, Antarctica, Asia, Australia (or Oceania), Europe, North America and South America."),
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
    (["Who painted the Mona Lisa?", "Which artist painted the Mona Lisa?"],
     "Leonardo da Vinci, in the early 1500s. It now hangs in the Louvre museum."),
    (["Who wrote Pride and Prejudice?", "Who is the author of Pride and Prejudice?"],
     "Jane Austen. It was published in 1813."),
    (["Who composed the Moonlight Sonata?", "Which composer wrote the Moonlight Sonata?"],
     "Ludwig van Beethoven, in 1801. It is his Piano Sonata No. 14; the nickname came later."),
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
    (["What causes the tides?", "Why does the sea have tides?"],
     "Mainly the Moon's gravity, with help from the Sun's. It pulls the oceans into bulges on the sides of Earth facing towards and away from the Moon, so most coasts get two high tides and two low tides a day."),
    (["What causes earthquakes?", "Why do earthquakes happen?"],
     "Earth's outer layer is broken into tectonic plates that move slowly. Stress builds up where they meet, and when the rocks suddenly slip along a fault, the released energy travels as seismic waves that shake the ground."),
    (["What are the three main types of rock?", "What are the kinds of rock called?"],
     "Igneous (cooled from molten rock, like granite), sedimentary (layers of pressed particles, like sandstone) and metamorphic (changed by heat and pressure, like marble)."),
    (["What is the water cycle?", "How does the water cycle work?"],
     "Water evaporates from oceans, lakes and plants, condenses into clouds as it cools, falls as precipitation (rain, snow or hail), and collects in rivers, the ground and the sea, and then the cycle starts again."),
    (["Why do leaves change colour in autumn?", "Why do leaves turn yellow and red in the autumn?"],
     "As days shorten, trees stop making green chlorophyll and it breaks down, revealing yellow and orange pigments that were there all along. Some trees also make red pigments in autumn."),
]

MISC_FACTS = [
    (["How many sides does a hexagon have?", "What shape has six sides?"],
     "A hexagon has six sides and six angles. Honeycomb cells are a familiar example."),
    (["What is the value of pi?", "What is pi?"],
     "Pi (π) is the ratio of a circle's circumference to its diameter, about 3.14159. Its digits go on forever without repeating."),
    (["What do the angles in a triangle add up to?", "How many degrees are in a triangle?"],
     "The three angles of any triangle on a flat surface add up to 180 degrees."),
    (["What is a prime number?", "What makes a number prime?"],
     "A prime number is a whole number greater than 1 whose only divisors are 1 and itself. The first few are 2, 3, 5, 7, 11 and 13; 2 is the only even one."),
    (["When did the Second World War end?", "What year did World War II end?"],
     "In 1945. The war in Europe ended on 8 May 1945, and Japan formally surrendered on 2 September 1945."),
    (["Who was the first woman to win a Nobel Prize?", "Which woman first won a Nobel Prize?"],
     "Marie Curie, who shared the 1903 Nobel Prize in Physics. She won a second, in Chemistry, in 1911."),
    (["How many players are on a football team on the pitch?", "How many players does a soccer team have on the field?"],
     "Eleven per side, including the goalkeeper."),
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
