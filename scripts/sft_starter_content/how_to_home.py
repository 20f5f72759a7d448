"""More how_to content for scripts/make_sft_starter.py: cooking, home, garden, health, money, travel, pets, cars.

(prompt, answer) pairs of short, practical, generic advice; answers pass through `inspect.cleandoc`.
"""

HOW_TO_HOME = [
    ("How do I make pancakes from scratch?", """
        1. Whisk 200 g plain flour, 1 tablespoon sugar, 2 teaspoons baking powder and a pinch of salt.
        2. In another bowl, beat 1 egg with 300 ml milk and 2 tablespoons melted butter.
        3. Pour the wet mix into the dry and stir until just combined; a few lumps are fine.
        4. Heat a lightly oiled pan over medium heat and pour in a small ladle of batter.
        5. Flip when bubbles appear on top, and cook the other side for about a minute.
        """),
    ("How do I make a basic tomato sauce?", """
        1. Soften a chopped onion in olive oil over low heat for 8–10 minutes.
        2. Add two crushed garlic cloves and cook for a minute.
        3. Add a tin of chopped tomatoes, a pinch of salt and a pinch of sugar.
        4. Simmer for 15–20 minutes, stirring now and then, until it thickens.
        5. Season to taste and stir in fresh basil at the end.
        """),
    ("How do I roast vegetables so they turn crispy?", """
        1. Heat the oven to 220 °C (200 °C fan).
        2. Cut the vegetables into even pieces so they cook at the same rate.
        3. Toss them with a little oil and salt.
        4. Spread them out in one layer on a tray; crowding makes them steam instead of brown.
        5. Roast for 25–40 minutes, turning once halfway, until golden at the edges.
        """),
    ("How do I make a simple omelette?", """
        1. Beat 2–3 eggs with a pinch of salt.
        2. Melt a little butter in a non-stick pan over medium heat.
        3. Pour in the eggs and stir gently for a few seconds, then let them set.
        4. When the top is almost set, add fillings such as cheese or herbs to one half.
        5. Fold the omelette in half and slide it onto a plate.
        """),
    ("How do I bake a simple loaf of bread?", """
        1. Mix 500 g strong white flour, 7 g dried yeast, 10 g salt and about 320 ml warm water.
        2. Knead for 10 minutes until smooth and stretchy.
        3. Cover and leave to rise for 1–2 hours, until doubled in size.
        4. Shape it into a loaf, put it in a tin or on a tray, and let it rise again for 45 minutes.
        5. Bake at 220 °C for about 30–35 minutes, until it sounds hollow when tapped underneath.
        6. Cool on a rack before slicing.
        """),
    ("How do I store leftovers safely?", """
        - Cool leftovers quickly and put them in the fridge within two hours of cooking.
        - Divide large amounts into shallow containers so they cool faster.
        - Eat refrigerated leftovers within about 2–3 days.
        - Reheat until steaming hot all the way through, and only reheat once.
        - Label frozen food with the date; most cooked dishes keep for about 3 months.
        """),
    ("How do I descale a kettle?", """
        1. Fill the kettle halfway with equal parts water and white vinegar, or water with a tablespoon of citric acid.
        2. Bring it to the boil, then switch off and leave it for an hour.
        3. Pour it away and wipe out any loosened scale.
        4. Rinse well, then boil fresh water once or twice and pour it away to remove any taste.
        """),
    ("How do I clean my oven without harsh chemicals?", """
        1. Remove the racks and soak them in hot soapy water.
        2. Mix baking soda with a little water into a spreadable paste.
        3. Spread it over the inside of the cold oven, avoiding the heating elements, and leave it overnight.
        4. Wipe it off with a damp cloth, using a plastic scraper on stubborn spots.
        5. Spray any white residue with vinegar and wipe again.
        """),
    ("How do I wash a wool jumper without shrinking it?", """
        1. Check the label; many wool jumpers can go in the machine on a wool or cold hand-wash cycle.
        2. To wash by hand, use cool water and a wool detergent, and squeeze gently without rubbing or wringing.
        3. Rinse in water of the same temperature.
        4. Roll it in a towel to press out water.
        5. Dry it flat, reshaped, away from direct heat.
        """),
    ("How do I sew a button back on?", """
        1. Thread a needle with about 50 cm of thread, doubled, and knot the end.
        2. Push the needle up from the back of the fabric where the button goes.
        3. Sew up and down through the holes 5–6 times, leaving the button slightly loose.
        4. Wind the thread a few times around the stitches under the button to make a shank.
        5. Push the needle to the back and tie it off with a few small stitches.
        """),
    ("How do I get a red wine stain out of a carpet?", """
        1. Blot, don't rub, with a clean cloth to soak up as much as possible.
        2. Pour a little cold water on the stain and blot again.
        3. Mix a teaspoon of washing-up liquid and a tablespoon of white vinegar in two cups of warm water, dab it on and blot.
        4. Rinse with cold water and blot dry.
        5. For an old stain, try a carpet stain remover, testing it on a hidden patch first.
        """),
    ("How do I defrost a freezer?", """
        1. Turn it off and move the food to a cool box or a friend's freezer.
        2. Leave the door open and put towels on the floor to catch the water.
        3. Put bowls of hot water inside to speed things up; never chip the ice with a knife.
        4. Once the ice has melted, wipe the inside with warm water and a little baking soda, then dry it.
        5. Turn it back on and wait until it's cold before refilling it.
        """),
    ("How do I get limescale off a shower head?", """
        1. Fill a plastic bag with white vinegar.
        2. Put the bag over the shower head so the nozzles are under the vinegar, and secure it with an elastic band.
        3. Leave it for an hour or two.
        4. Remove the bag, scrub the nozzles with an old toothbrush, and run hot water through it.
        """),
    ("How do I clean a cast-iron pan?", """
        1. While it's still warm, rinse it with hot water and scrub with a brush; a little soap is fine.
        2. For stuck-on food, scrub with coarse salt and a splash of water.
        3. Dry it thoroughly on the hob over low heat.
        4. Rub a thin layer of oil over the inside while it's warm, then wipe off the excess.
        Don't soak it or put it in the dishwasher, or it will rust.
        """),
    ("How do I clean a microwave quickly?", """
        1. Put a microwave-safe bowl of water with a few lemon slices or a tablespoon of vinegar inside.
        2. Heat it on high for 3–5 minutes, until the window steams up.
        3. Leave the door shut for 5 minutes so the steam loosens the grime.
        4. Carefully take out the bowl and wipe the inside with a cloth.
        """),
    ("How do I unblock a slow shower drain?", """
        1. Remove the drain cover and pull out any hair with gloved fingers or a plastic drain snake.
        2. Pour half a cup of baking soda down, followed by a cup of vinegar.
        3. Wait 15 minutes, then flush with a kettle of hot (not boiling) water.
        4. If it's still slow, use a plunger with the overflow hole covered.
        A hair catcher over the drain prevents it happening again.
        """),
    ("How do I fix a toilet that keeps running?", """
        1. Take the lid off the cistern and watch what happens after a flush.
        2. If water overflows into the overflow pipe, lower the float so the water stops about 2–3 cm below it.
        3. If water keeps trickling into the bowl, the flapper or flush valve seal is probably worn; turn off the water, flush to empty the tank, and replace it.
        4. Check the chain isn't too tight or tangled.
        Replacement parts are cheap and come with instructions.
        """),
    ("How do I paint a room?", """
        1. Move furniture out or to the middle and cover it and the floor with dust sheets.
        2. Fill holes, sand them smooth and wipe the walls clean.
        3. Tape around skirting boards, windows and sockets.
        4. Cut in around the edges with a brush, then roll the walls in overlapping W shapes.
        5. Let it dry, then apply a second coat.
        6. Remove the tape while the paint is slightly damp for clean lines.
        """),
    ("How do I put up a shelf?", """
        1. Use a detector to check for pipes and cables where you'll drill.
        2. Hold the shelf brackets in place, check them with a spirit level, and mark the holes.
        3. Drill the holes with a bit that matches your wall plugs.
        4. Push in wall plugs (or use stud screws if you hit a timber stud).
        5. Screw the brackets on, then fix the shelf to them.
        Check the weight rating of the brackets and plugs for what you plan to store.
        """),
    ("How do I stop condensation on my windows?", """
        - Open windows for a few minutes each day, especially after cooking and showering.
        - Use extractor fans in the kitchen and bathroom.
        - Put lids on pans and dry clothes outdoors or in a vented dryer.
        - Keep the home gently heated rather than cold with occasional bursts of heat.
        - A dehumidifier helps in rooms that stay damp.
        Wipe the windows dry in the morning to prevent mould.
        """),
    ("How can I keep my home warm without turning up the heating?", """
        - Close curtains at dusk and open them when the sun is out.
        - Block draughts under doors and around windows with draught excluders or seals.
        - Use rugs on bare floors.
        - Keep furniture away from radiators so heat can circulate.
        - Close doors to rooms you aren't using.
        - Wear layers and use a warm throw on the sofa.
        """),
    ("How do I start a compost heap?", """
        1. Choose a spot on bare soil, in partial shade, and use a bin or a simple wooden box.
        2. Add a mix of "greens" (vegetable peelings, grass cuttings, coffee grounds) and "browns" (cardboard, dry leaves, straw).
        3. Aim for roughly equal amounts of each, in layers.
        4. Keep it as damp as a wrung-out sponge.
        5. Turn it every few weeks to add air.
        Avoid meat, dairy and cooked food, which attract pests. Compost is ready in 6–12 months.
        """),
    ("How do I grow tomatoes in pots?", """
        1. Use a pot at least 30 cm wide and deep, with drainage holes, and good potting compost.
        2. Plant outside after the last frost, burying the stem a little deeper than before.
        3. Put it in the sunniest spot you have and push in a cane for support.
        4. Water regularly and evenly; irregular watering causes split fruit.
        5. Feed weekly with tomato feed once the first flowers appear.
        6. For tall (cordon) varieties, pinch out the side shoots.
        """),
    ("How do I plant a young tree?", """
        1. Dig a hole two or three times as wide as the root ball, but no deeper.
        2. Loosen the soil at the sides of the hole.
        3. Set the tree so the top of the root ball is level with the ground.
        4. Refill with the soil you dug out, firming it gently, and water it well.
        5. Add a short stake on the windward side if it's exposed.
        6. Mulch around the base, keeping the mulch off the trunk, and water weekly in dry weather for the first year.
        """),
    ("How should I mow my lawn?", """
        - Mow when the grass is dry, with a sharp blade.
        - Never cut more than a third of the grass height at once.
        - Leave it a bit longer in hot, dry weather, which helps it stay green.
        - Change direction each time to avoid ruts and flattened grass.
        - Mow roughly weekly in the growing season and less in cooler months.
        """),
    ("How do I make soup from leftover vegetables?", """
        1. Soften a chopped onion in a little oil.
        2. Add the chopped vegetables and cook for a few minutes.
        3. Pour in enough stock to cover them and simmer for 20 minutes, until soft.
        4. Blend until smooth, or leave it chunky.
        5. Season with salt, pepper and herbs; add a splash of cream or a squeeze of lemon to finish.
        """),
    ("How do I make guacamole?", """
        1. Halve two ripe avocados, remove the stones and scoop the flesh into a bowl.
        2. Mash with a fork, leaving some chunks.
        3. Stir in the juice of half a lime, a pinch of salt, a little finely chopped red onion and some chopped coriander.
        4. Add chopped tomato or chilli if you like.
        5. Taste and adjust the lime and salt. Press cling film onto the surface to stop it browning.
        """),
    ("How do I make a frittata?", """
        1. Heat the grill (broiler) and whisk 6 eggs with salt, pepper and a handful of grated cheese.
        2. Soften your fillings, such as onion, peppers, spinach or leftover potatoes, in an oven-safe frying pan with a little oil.
        3. Pour the eggs over the fillings and cook on a low heat without stirring for 8–10 minutes, until the edges set.
        4. Put the pan under the grill for 2–3 minutes until the top is set and golden.
        5. Let it rest for a few minutes, then slice into wedges.
        """),
    ("How do I meal prep for the week?", """
        1. Plan 3–4 meals that share ingredients, such as rice, roasted vegetables and one protein.
        2. Write a shopping list from the plan.
        3. Set aside two hours on one day to cook the grains and proteins and chop vegetables.
        4. Portion meals into containers; keep 3 days' worth in the fridge and freeze the rest.
        5. Keep sauces separate so food doesn't go soggy.
        """),
    ("How do I start an emergency fund?", """
        1. Set a first small target, like one month of essential expenses.
        2. Open a separate easy-access savings account so the money isn't mixed with spending.
        3. Set up an automatic transfer on payday, even a small one.
        4. Add windfalls such as tax refunds or gifts.
        5. Once you reach the first target, aim for three to six months of expenses.
        Use it only for genuine emergencies, and top it back up afterwards.
        """),
    ("How do I read a nutrition label?", """
        1. Check the serving size first; all the numbers refer to it.
        2. Look at calories per serving and how many servings you'll actually eat.
        3. Compare sugar, salt and saturated fat per 100 g between products.
        4. Look for fibre and protein, which help you feel full.
        5. Read the ingredients list: they're in order of weight, largest first.
        """),
    ("How do I drink more water during the day?", """
        - Carry a refillable bottle and keep it in sight.
        - Drink a glass with every meal and when you wake up.
        - Set reminders on your phone for the first few weeks.
        - Add slices of lemon, cucumber or mint if plain water bores you.
        - Eat water-rich foods such as fruit, vegetables and soup.
        """),
    ("How should I stretch after a run?", """
        Hold each stretch for about 30 seconds without bouncing:
        1. Calves: hands on a wall, one leg back, heel pressed down.
        2. Hamstrings: foot on a low step, leg straight, lean forward from the hips.
        3. Quads: stand on one leg and pull the other heel towards your bottom.
        4. Hips: lunge forward with the back knee down.
        5. Glutes: lying down, cross one ankle over the other knee and pull gently.
        Repeat on both sides.
        """),
    ("How do I work up to doing a push-up if I can't do one yet?", """
        1. Start with wall push-ups: 3 sets of 10, keeping your body straight.
        2. Move to incline push-ups with your hands on a table or kitchen counter.
        3. Then try knee push-ups on the floor.
        4. Practise lowering slowly from a full push-up position.
        5. Lower the incline gradually until you can do a full push-up.
        Train 2–3 times a week with rest days in between.
        """),
    ("How do I improve my posture at a desk?", """
        - Set your screen at eye level and about an arm's length away.
        - Sit back in the chair with your lower back supported.
        - Keep your feet flat on the floor and your knees roughly level with your hips.
        - Keep your elbows close to your body at about 90 degrees.
        - Stand up and move every 30–60 minutes.
        """),
    ("How do I plan a trip abroad?", """
        1. Check your passport is valid for at least six months beyond your return date, and whether you need a visa.
        2. Set a budget and dates, then book flights and accommodation.
        3. Get travel insurance as soon as you book.
        4. Check health advice, such as vaccinations, for your destination.
        5. Tell your bank you're travelling and get some local currency.
        6. Save copies of your documents and bookings on your phone and in an email.
        """),
    ("How do I pack a carry-on bag for a week?", """
        1. Pick a colour scheme so every top goes with every bottom.
        2. Pack 4–5 tops, 2 bottoms, underwear for the week and one pair of spare shoes.
        3. Roll clothes tightly, or use packing cubes.
        4. Wear your bulkiest items on the plane.
        5. Put liquids in small containers in a clear bag, within the airline's limits.
        6. Plan to do a small wash midweek.
        """),
    ("How do I get over jet lag faster?", """
        - Start shifting your sleep by an hour a day before you travel.
        - On the plane, set your watch to the destination time and sleep or stay awake to match it.
        - Get daylight in the morning at your destination.
        - Stay awake until a normal local bedtime; if you must nap, keep it under 30 minutes.
        - Drink water and go easy on alcohol and caffeine.
        """),
    ("How do I make small talk with people I don't know?", """
        - Start with your shared situation: the event, the venue, the weather, the food.
        - Ask open questions that start with "how" or "what".
        - Listen for details and ask about them.
        - Share something about yourself in return, so it isn't an interview.
        - Remember names and use them once.
        - End warmly: "It was nice talking to you."
        """),
    ("How do I give constructive feedback to a colleague?", """
        1. Do it privately and soon after the event.
        2. Describe the specific behaviour, not the person: "The report went out without the figures."
        3. Explain its effect: "The client had to ask for them again."
        4. Ask for their view and listen.
        5. Agree on what to do next time.
        Mention what went well, too; it makes the rest easier to hear.
        """),
    ("How do I ask my boss for a pay rise?", """
        1. Research what your role pays in your area and industry.
        2. List your achievements, with numbers where possible.
        3. Ask for a meeting rather than raising it in passing.
        4. Make your case calmly, then state a specific figure.
        5. If the answer is no, ask what you'd need to achieve to get there, and when you can revisit it.
        """),
    ("How do I resign from my job professionally?", """
        1. Check your contract for the notice period.
        2. Tell your manager in person or on a call before anyone else.
        3. Follow up with a short resignation letter giving your last working day.
        4. Thank them and keep it positive; you don't need to justify your decision at length.
        5. Offer to help with the handover and leave good notes.
        """),
    ("How can I negotiate a lower rent?", """
        1. Research what similar flats nearby cost, and bring examples.
        2. Point out your value as a tenant: on-time payments, looking after the place, willingness to stay longer.
        3. Ask before the renewal date, politely and in writing.
        4. Offer something in return, such as a longer lease.
        5. If rent can't move, ask for other things: repairs, new appliances or included parking.
        """),
    ("How do I stop procrastinating?", """
        - Break the task into a first step so small it feels easy, like opening the document.
        - Set a timer for 10 minutes and start; starting is the hardest part.
        - Remove distractions: phone in another room, notifications off.
        - Decide in advance when and where you'll do the task.
        - Reward yourself after finishing a chunk.
        - Be kind to yourself about slips; guilt tends to make procrastination worse.
        """),
    ("How do I calm my nerves before giving a speech?", """
        - Rehearse several times, out loud, ideally in front of someone.
        - Know your opening lines by heart; nerves fade once you've started.
        - Breathe slowly in for four counts and out for six, a few times.
        - Reframe the racing heart as excitement; the body's response is similar.
        - Find a few friendly faces and speak to them.
        - Remember the audience wants you to do well.
        """),
    ("How do I teach a child to ride a bike?", """
        1. Lower the saddle so they can put both feet flat on the ground, and remove the pedals or stabilisers.
        2. Let them scoot and glide on a gentle grassy slope until they can balance.
        3. Refit the pedals and have them start with one pedal high.
        4. Hold their shoulders or the back of their top, not the bike, and let go once they're steady.
        5. Practise stopping with the brakes.
        A helmet, short sessions and lots of praise help.
        """),
    ("How do I house-train a puppy?", """
        1. Take the puppy outside first thing in the morning, after meals, after naps and play, and before bed.
        2. Go to the same spot and use a cue word.
        3. Praise and reward straight away when they go outside.
        4. Watch for signs like sniffing and circling, and take them out quickly.
        5. Clean accidents with an enzyme cleaner and don't punish them.
        Most puppies learn within a few months.
        """),
    ("How do I introduce a new cat to my home?", """
        1. Set up one quiet room with food, water, a litter tray, a bed and a hiding place.
        2. Let the cat stay there for a few days until it's relaxed.
        3. Let it explore the rest of the home gradually, with the doors to the safe room open.
        4. If you have other pets, swap bedding first so they get used to each other's scent before they meet.
        5. Keep first meetings short and supervised.
        """),
    ("How do I check my car's tyre pressure?", """
        1. Find the recommended pressure in the handbook, on a sticker inside the driver's door, or in the fuel flap.
        2. Check when the tyres are cold.
        3. Unscrew the valve cap and press the gauge firmly onto the valve to read the pressure.
        4. Add air at a garage air machine if it's low, or release some if it's high.
        5. Replace the caps. Check the spare tyre too, and check them all about once a month.
        """),
    ("How do I check the oil in my car?", """
        1. Park on level ground with the engine off and cool for a few minutes.
        2. Pull out the dipstick, wipe it clean and push it back in fully.
        3. Pull it out again and check that the oil is between the minimum and maximum marks.
        4. If it's low, add the oil type in your handbook a little at a time through the filler cap, rechecking as you go.
        """),
    ("How do I parallel park?", """
        1. Signal and stop alongside the car in front of the space, about half a metre away.
        2. Reverse slowly until your rear wheels line up with its back bumper.
        3. Turn the wheel fully towards the kerb and reverse at about 45 degrees.
        4. When your front door passes its bumper, straighten the wheel and keep reversing.
        5. Turn the wheel fully away from the kerb to swing the front in.
        6. Straighten up and adjust.
        """),
    ("How do I pump up a bike tyre?", """
        1. Check the pressure printed on the tyre's sidewall.
        2. See which valve you have: Schrader (like a car's) or Presta (thin, with a small nut at the tip).
        3. For Presta, unscrew the little nut at the tip first.
        4. Press the pump head on firmly, lock the lever, and pump to the right pressure.
        5. Remove the pump, close the Presta nut and replace the cap.
        """),
    ("How do I put a bike chain back on?", """
        1. Shift to the smallest front ring and a small rear cog if you can.
        2. Hook the chain over the bottom of the rear cog.
        3. Lay the chain over a few teeth at the front of the front chainring.
        4. Turn the pedals slowly backwards; the chain pulls itself onto the ring.
        5. Spin the pedals forwards to check it runs smoothly.
        """),
]
