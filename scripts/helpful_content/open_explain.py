"""Hand-written `explain` items: (prompt, good answer, plausible but wrong answer).

A prompt is a string, or a list of turns (user, assistant, user) for a multi-turn item. Good
answers are a few plain sentences on settled, textbook-level topics. Wrong answers state a common
misconception with the same confidence and length.
"""

EXPLAIN = [
    ("Why is the sky blue?", """
        Sunlight contains all colours. As it passes through the air, it bounces off gas molecules, and
        shorter wavelengths like blue are scattered much more than longer ones like red. This is called
        Rayleigh scattering. The scattered blue light reaches our eyes from every direction, so the whole sky looks blue.
        """, """
        The sky is blue because it reflects the colour of the oceans, which cover most of the planet.
        On cloudy days there is less reflection, which is why the sky turns grey. Over deserts the sky
        is paler for the same reason.
        """),
    ("What is inflation?", """
        Inflation is the general rise in prices over time, which means each unit of money buys less.
        It is usually measured as the yearly percentage change in the price of a typical basket of goods
        and services. Moderate inflation is normal; central banks often aim for about 2% a year.
        """, """
        Inflation is when prices fall over time, so your money buys more each year. It is usually measured
        by the number of banknotes in circulation. Central banks aim to keep it as high as possible to encourage saving.
        """),
    ("How does compound interest work?", """
        With compound interest, you earn interest on your original money and on the interest already added.
        For example, £100 at 5% a year becomes £105 after one year, then £110.25 after two, because the
        second year's 5% is on £105. Over many years this snowballs, so starting early makes a big difference.
        """, """
        Compound interest means you earn the same fixed amount each year, based only on your original deposit.
        For example, £100 at 5% a year becomes £105, then £110, then £115. It grows in a straight line, so
        starting early makes no real difference.
        """),
    ("Why do we have leap years?", """
        A year, the time Earth takes to orbit the Sun, is about 365.24 days, not exactly 365. Without a correction
        the calendar would drift against the seasons by about a day every four years. So we add 29 February in
        most years divisible by 4. Century years are skipped unless divisible by 400, so 2000 was a leap year but 1900 was not.
        """, """
        Leap years exist because Earth's rotation is slowing down, so every fourth year needs an extra day.
        Every year divisible by 4 is a leap year, with no exceptions, so 1900 and 2100 are leap years too.
        """),
    ("What is the difference between weather and climate?", """
        Weather is the state of the atmosphere at a particular place and time: today's rain, wind or temperature.
        Climate is the average pattern of weather in a region over a long period, usually 30 years or more.
        In short, weather is what you get on a given day; climate is what you can expect.
        """, """
        Weather and climate mean the same thing; climate is just the scientific word for weather.
        Forecasters use the word climate when talking about tomorrow and weather for next week.
        """),
    ("How do rainbows form?", """
        A rainbow appears when sunlight shines into raindrops while the Sun is behind you. Light bends as it
        enters a drop, reflects off the back, and bends again as it leaves. Each colour bends by a slightly
        different amount, so white light spreads into a band of colours, with red on the outside and violet on the inside.
        """, """
        Rainbows form when sunlight reflects off the clouds, which are naturally coloured in layers. They are
        easiest to see when you face the Sun. The colours always appear with violet on the outside and red on the inside.
        """),
    ("What is a black hole?", """
        A black hole is a region of space where gravity is so strong that nothing, not even light, can escape once
        it crosses the boundary called the event horizon. Many form when a very massive star collapses at the end
        of its life. Most large galaxies, including ours, have a supermassive black hole at the centre.
        """, """
        A black hole is an empty gap in space where there is no matter and no gravity at all. They form when a star
        runs out of fuel and simply vanishes. Light passes straight through them, which is why they look dark.
        """),
    ("Why does ice float on water?", """
        Ice floats because it is less dense than liquid water. When water freezes, its molecules lock into a
        crystal structure held by hydrogen bonds that keeps them further apart than in the liquid. The same mass
        takes up about 9% more space, so ice floats, which is also why lakes freeze from the top down.
        """, """
        Ice floats because it traps tiny air bubbles when it freezes, and the air lifts it up. Ice made without
        any air bubbles is denser than water and sinks to the bottom, which is why lakes freeze from the bottom up.
        """),
    ("What does a CPU do?", """
        The CPU (central processing unit) is the part of a computer that carries out program instructions.
        It fetches an instruction from memory, decodes it and executes it: arithmetic, comparisons, moving data.
        It repeats this billions of times a second. Modern CPUs have several cores, so they can run several tasks at once.
        """, """
        The CPU is the part of the computer that stores your files permanently, like photos and documents.
        A bigger CPU means more storage space. It also powers the screen, which is why a faster CPU gives a brighter display.
        """),
    ("What's the difference between a virus and a bacterium?", """
        Bacteria are single-celled living organisms that can grow and reproduce on their own; many are harmless or useful.
        Viruses are much smaller and are not cells: they can only reproduce inside a host's cells.
        This is why antibiotics can treat bacterial infections but do not work against viruses.
        """, """
        Viruses and bacteria are the same kind of germ, but viruses are the larger ones. Both are cells that reproduce
        on their own, and antibiotics work equally well against both, which is why doctors prescribe them for colds.
        """),
    ("How do tides work?", """
        Tides are caused mainly by the Moon's gravity. It pulls the ocean into a bulge on the side of Earth facing it,
        and a second bulge forms on the opposite side. As Earth rotates through these bulges, most coasts get two
        high tides and two low tides roughly every day. The Sun adds a smaller effect, giving stronger spring tides at new and full moon.
        """, """
        Tides are caused by wind pushing water towards the shore during the day and away at night. That's why there
        is one high tide in the afternoon and one low tide at night. The Moon has no real effect on them.
        """),
    ("What is photosynthesis?", """
        Photosynthesis is how plants, algae and some bacteria make food from light. Using energy from sunlight,
        chlorophyll in their leaves helps turn carbon dioxide and water into glucose. Oxygen is released as a by-product,
        which is where most of the oxygen in the air comes from.
        """, """
        Photosynthesis is how plants take in oxygen from the air and turn it into carbon dioxide for energy. It happens
        mostly at night in the roots, which is why plants need dark soil. Sunlight only helps keep the plant warm.
        """),
    ("What is an API?", """
        An API (application programming interface) is a defined way for one piece of software to ask another for data
        or actions. For example, a weather app calls a weather service's API with a city name and gets back the forecast,
        without needing to know how the service works inside. It is like a menu: it lists what you can request and what comes back.
        """, """
        An API is a type of database that stores an application's data. Every app has exactly one API, and users open
        it directly to view their files. It stands for Automatic Program Installer.
        """),
    ("Why do onions make your eyes water?", """
        When you cut an onion you break its cells, which releases enzymes that turn sulphur compounds into a gas
        called syn-propanethial-S-oxide. When the gas reaches your eyes it irritates them, and your tear glands make tears
        to wash it away. Chilling the onion and using a sharp knife reduces the effect.
        """, """
        Onions make your eyes water because of their strong smell, which your nose passes to your eyes. The effect is
        caused by the onion's sugar. Using a blunt knife helps, because it releases less juice.
        """),
    ("What causes thunder?", """
        Thunder is caused by lightning. A lightning bolt heats the air around it to around 30,000 °C in a fraction of a second.
        The air expands so fast that it creates a shock wave, which we hear as thunder. We see the flash first because light
        travels much faster than sound.
        """, """
        Thunder is the sound of clouds bumping into each other. Lightning happens afterwards when the collision releases
        electricity. We hear thunder first because sound travels faster than light.
        """),
    ("What is a hash function?", """
        A hash function takes input of any size and produces a fixed-size value, the hash. The same input always gives the
        same hash, and even a small change to the input gives a very different one. Hashes are used to look things up quickly
        in tables and, with cryptographic hash functions, to check that files haven't changed.
        """, """
        A hash function encrypts data so it can later be decrypted with a key. Its output is always longer than its input,
        and it gives a different result each time you run it on the same data, which is what makes it secure.
        """),
    ("What is the greenhouse effect?", """
        The greenhouse effect is how some gases in the atmosphere, like carbon dioxide, methane and water vapour, keep Earth warm.
        Sunlight warms the surface, which gives off heat as infrared radiation. Greenhouse gases absorb some of it and send part
        back down. Without the effect Earth would be far colder; adding more of these gases makes it warmer.
        """, """
        The greenhouse effect is a hole in the ozone layer that lets extra sunlight in. It is caused by greenhouse gases
        reflecting sunlight away from Earth, which cools the planet. Without it Earth would be much hotter.
        """),
    ("What's the difference between RAM and storage?", """
        RAM is fast, temporary memory that holds the programs and data a computer is using right now; it is cleared when the
        power goes off. Storage (an SSD or hard drive) keeps files and installed programs permanently, but is slower. More RAM
        helps when running many things at once; more storage lets you keep more files.
        """, """
        RAM and storage are the same thing; RAM is just the older name for a hard drive. Files saved in RAM stay there
        permanently after you switch off, and adding RAM gives you more space for photos.
        """),
    ("How does a fridge keep food cold?", """
        A fridge moves heat from inside to outside. A refrigerant evaporates in coils inside the fridge, which absorbs heat
        and cools the air. A compressor then squeezes the gas, making it hot, and it gives off that heat through coils at the
        back, where it condenses back into a liquid. The cycle repeats.
        """, """
        A fridge makes cold air by mixing in ice stored inside the walls, which is topped up automatically from the water
        supply. The warm air is simply pushed out of the door seals. The compressor only runs the light.
        """),
    ("What is supply and demand?", """
        Supply is how much of something sellers offer; demand is how much buyers want at a given price. When demand rises
        and supply stays the same, prices tend to go up; when supply rises and demand stays the same, prices tend to fall.
        The price settles where the amount people want to buy matches the amount offered.
        """, """
        Supply and demand says that when more people want something, its price falls, because sellers can sell more
        of it. When there is a shortage, prices drop as well, since sellers want to clear their stock.
        """),
    ("Why does bread dough rise?", """
        Bread rises because of yeast. The yeast feeds on sugars in the flour and gives off carbon dioxide gas. Kneading builds
        a stretchy network of gluten that traps the gas in bubbles, so the dough puffs up. In the oven the gas expands
        further and the structure sets.
        """, """
        Bread rises because the flour absorbs water and swells, like a sponge. The yeast is only there for flavour. Kneading
        breaks up the gluten so the dough is softer, which lets it expand more.
        """),
    ("What is the difference between an acid and a base?", """
        Acids release hydrogen ions in water and have a pH below 7; lemon juice and vinegar are mild examples. Bases accept
        hydrogen ions (or release hydroxide ions) and have a pH above 7, like baking soda or soap. Mixed together, they
        neutralise each other, forming water and a salt.
        """, """
        Acids have a pH above 7 and bases have a pH below 7. Lemon juice is a base and soap is an acid. When you mix them
        they become twice as strong.
        """),
    ("What is machine learning?", """
        Machine learning is a way of making computer programs that learn patterns from examples instead of following
        rules written by hand. For instance, a spam filter can be trained on many emails labelled spam or not spam, and then
        predict the label of new emails. The more good examples it sees, the better it usually gets.
        """, """
        Machine learning means a program that has been written with a rule for every possible situation in advance.
        It never changes once written, and it does not use data. A spam filter is machine learning because someone lists every spam word.
        """),
    ("What is a prime number?", """
        A prime number is a whole number greater than 1 whose only divisors are 1 and itself. The first few are 2, 3, 5, 7,
        11 and 13. The number 1 is not prime, and 2 is the only even prime. Every whole number above 1 can be written as a product of primes in exactly one way.
        """, """
        A prime number is any odd number. The first few are 1, 3, 5, 7, 9 and 11. The number 2 is not prime because it
        is even.
        """),
    ("Why do we see lightning before we hear thunder?", """
        Both happen at the same moment, but light and sound travel at very different speeds. Light arrives almost instantly,
        while sound travels about 343 metres per second in air. Counting the seconds between flash and rumble and dividing
        by 3 gives a rough distance in kilometres.
        """, """
        Lightning happens first and thunder is produced several seconds later, once the lightning has cooled down. The gap is
        always about five seconds, no matter how far away the storm is.
        """),
    (["What is a prime number?",
      "A whole number greater than 1 whose only divisors are 1 and itself, like 2, 3, 5, 7 and 11.",
      "Is 51 prime?"], """
        No. 51 is not prime, because 51 = 3 × 17. A quick test: its digits add up to 5 + 1 = 6, which is divisible by 3,
        so 51 is divisible by 3.
        """, """
        Yes, 51 is prime: it is odd and doesn't appear in the times tables up to 10, so nothing divides it except 1 and 51.
        """),
    (["Why is the sky blue?",
      "Air molecules scatter short blue wavelengths of sunlight much more than red ones, so blue light reaches us from all over the sky.",
      "Then why are sunsets red?"], """
        At sunset the sunlight travels through much more air to reach you. Along that long path most of the blue light is
        scattered away to the sides, so the light that gets through directly is mostly the longer wavelengths: orange and red.
        Dust and haze can make the colours stronger.
        """, """
        At sunset the Sun cools down as it gets near the horizon, and cooler stars glow red. That's why the light turns orange
        and then red until it sets.
        """),
]
