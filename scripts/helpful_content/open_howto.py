"""Hand-written `how_to` items: (prompt, good answer, plausible but wrong answer).

A prompt is a string, or a list of turns (user, assistant, user, ...) for a multi-turn item.
Good answers are numbered steps, so the generator can derive an `incomplete` reply by dropping
steps. Wrong answers read as confidently as the good ones but get a step, an amount or an order
wrong; none of them is dangerous.
"""

HOW_TO = [
    ("How do I defrost a freezer?", """
        1. Move the food into a cool box or another freezer.
        2. Switch the freezer off and unplug it.
        3. Leave the door open and put towels on the floor and a tray under it to catch the water.
        4. Speed it up with bowls of hot water inside; don't chip at the ice with sharp tools.
        5. Wipe it dry, plug it back in and wait until it is cold before refilling it.
        """, """
        1. Leave the food inside so it stays cold.
        2. Turn the freezer to its warmest setting but keep it running.
        3. Scrape the ice off with a knife as it softens.
        4. Close the door and it will finish defrosting by itself within an hour.
        """),
    ("How do I sew a button back on a shirt?", """
        1. Thread a needle, double the thread and knot the end.
        2. Push the needle up from the back of the fabric where the button was.
        3. Go up and down through the holes 5 or 6 times, keeping a little slack.
        4. Wind the thread a few times around the stitches under the button to make a shank.
        5. Push the needle to the back, make a few small stitches and tie it off.
        """, """
        1. Thread a needle with a single strand, no knot needed.
        2. Put the button where you want it and stitch through one hole once.
        3. Pull the thread as tight as you can so the button sits flat against the fabric.
        4. Cut the thread right at the button; it will hold on its own.
        """),
    ("How do I clean a cast-iron pan?", """
        1. Clean it while it is still warm: rinse with hot water and scrub with a brush.
        2. For stuck food, scrub with coarse salt and a little water. A drop of mild soap is fine.
        3. Dry it completely with a towel, then on the hob for a minute.
        4. Rub in a very thin layer of oil and wipe off the excess before storing.
        """, """
        1. Let it soak overnight in hot soapy water to loosen everything.
        2. Put it in the dishwasher on the hottest cycle.
        3. Leave it on the rack to air-dry.
        4. Store it with the lid on so moisture stays in and protects the surface.
        """),
    ("How do I make a simple paper aeroplane?", """
        1. Fold an A4 sheet in half lengthways, then unfold it.
        2. Fold the two top corners down to the centre crease.
        3. Fold the new slanted edges to the centre crease again.
        4. Fold the plane in half along the crease, with the folds outside.
        5. Fold each side down to make the wings, lining up the wing edges with the bottom of the body.
        """, """
        1. Fold an A4 sheet in half widthways.
        2. Fold the bottom corners up to the centre.
        3. Roll the paper into a tube.
        4. Throw it as hard as you can with the open end first.
        """),
    ("How do I plant tomato seedlings?", """
        1. Wait until there is no risk of frost and nights stay above about 10 °C.
        2. Choose a sunny spot that gets 6–8 hours of sun.
        3. Plant them deep, burying the stem up to the first leaves: tomatoes grow roots along the buried stem.
        4. Space them about 45–60 cm apart and add a stake or cage.
        5. Water well at the base, then keep the soil evenly moist.
        """, """
        1. Plant them as early as possible in spring, even if frost is still likely.
        2. Pick a shady corner so the leaves don't burn.
        3. Plant them shallow, with the root ball just below the surface.
        4. Water the leaves every evening.
        """),
    ("How do I descale a kettle?", """
        1. Fill the kettle about half full with equal parts water and white vinegar (or water with a tablespoon of citric acid).
        2. Bring it to the boil, switch it off and leave it for an hour.
        3. Pour it away and wipe off any loose scale.
        4. Boil and discard fresh water once or twice to remove the taste.
        """, """
        1. Fill the kettle with a mix of water and washing-up liquid.
        2. Leave it for ten minutes without boiling.
        3. Pour it away and put the kettle straight back into use; any taste will fade by itself.
        """),
    ("How do I wrap a present neatly?", """
        1. Put the box face down on the paper and cut enough to wrap around it with a small overlap.
        2. Leave paper at each end about two-thirds the height of the box.
        3. Fold one long edge over the box and tape it, then fold the other edge under for a clean line and tape it.
        4. At each end, fold the sides in, then the top flap down and the bottom flap up, and tape.
        """, """
        1. Cut the paper so it exactly matches the size of the box, with no overlap.
        2. Tape each side of the box separately.
        3. Cover the ends with extra strips of paper.
        4. Use plenty of tape over every seam.
        """),
    ("How do I tie a four-in-hand tie knot?", """
        1. Drape the tie around your collar with the wide end on your right, hanging about 30 cm lower than the narrow end.
        2. Cross the wide end over the narrow end.
        3. Bring it under and across the front again.
        4. Pull it up through the neck loop from underneath.
        5. Push it down through the front loop you just made and tighten by sliding the knot up.
        """, """
        1. Start with both ends at the same length.
        2. Tie a simple knot like tying a shoelace.
        3. Tuck the narrow end through the knot twice.
        4. Pull the narrow end to tighten.
        """),
    ("How do I make pancake batter?", """
        1. In a bowl, mix 200 g plain flour, 1 teaspoon of baking powder and a pinch of salt.
        2. In a jug, whisk 2 eggs with 300 ml milk.
        3. Pour the wet mix into the dry and whisk until just smooth; a few lumps are fine.
        4. Stir in 1 tablespoon of melted butter and let it rest for 10 minutes before cooking.
        """, """
        1. Mix 50 g flour with 500 ml milk.
        2. Add 4 tablespoons of salt.
        3. Beat the batter hard for 10 minutes until very elastic.
        4. Cook straight away in a dry, cold pan.
        """),
    ("How do I check my car's tyre pressure?", """
        1. Find the recommended pressure in the manual, inside the driver's door frame or on the fuel flap.
        2. Check when the tyres are cold, before driving far.
        3. Unscrew the valve cap and press the gauge firmly onto the valve.
        4. Read the gauge and add or let out air until it matches.
        5. Refit the caps and do all four tyres, plus the spare if you have one.
        """, """
        1. Use the maximum pressure printed on the tyre wall as your target.
        2. Check straight after a long drive, when the tyres are warm.
        3. Squeeze the tyre by hand; if it feels firm, it's fine.
        """),
    ("How do I prepare for a long-haul flight?", """
        1. Check in online and pick an aisle seat if you like to move around.
        2. Pack a small bag with medication, a charger, headphones, a jumper and a toothbrush.
        3. Drink water regularly and go easy on alcohol and caffeine.
        4. Get up, walk and stretch your legs every hour or two.
        5. Start shifting your sleep towards the destination's time zone a day or two before.
        """, """
        1. Skip drinking water on board so you don't need the toilet.
        2. Stay seated the whole way to avoid disturbing others.
        3. Drink coffee throughout the flight to stay alert.
        4. Pack everything, including medication, in your checked luggage.
        """),
    ("How do I clean my computer keyboard?", """
        1. Turn off the computer or unplug the keyboard.
        2. Turn it upside down and tap it gently to shake out crumbs.
        3. Blow between the keys with compressed air.
        4. Wipe the keys with a cloth lightly dampened with isopropyl alcohol; never pour liquid on it.
        5. Let it dry fully before plugging it back in.
        """, """
        1. Leave the computer running so you can see which keys respond.
        2. Rinse the keyboard under the tap.
        3. Dry it with a hair dryer on the hottest setting.
        """),
    ("How do I start a compost bin?", """
        1. Pick a spot on bare soil, partly shaded, with easy access.
        2. Mix "greens" (vegetable peelings, coffee grounds, grass) with "browns" (cardboard, dry leaves, paper), roughly equal amounts.
        3. Keep it as damp as a wrung-out sponge.
        4. Turn it every week or two to let air in.
        5. Avoid meat, dairy and oily food, which attract pests.
        """, """
        1. Use a sealed plastic box so no air gets in.
        2. Add only grass clippings.
        3. Include meat and dairy scraps; they break down fastest.
        4. Never turn it.
        """),
    ("How do I write a good meeting agenda?", """
        1. State the meeting's goal in one sentence at the top.
        2. List the topics in order of importance, each with an owner and a time limit.
        3. Mark which items need a decision and which are only updates.
        4. Attach or link any reading people need beforehand.
        5. Send it at least a day ahead and leave a few minutes at the end for next steps.
        """, """
        1. Write down every topic anyone might raise, without times.
        2. Put the most important item last.
        3. Send it as the meeting starts so nobody prepares a fixed view.
        """),
    ("How do I patch a bicycle inner tube?", """
        1. Take the wheel off, lever one side of the tyre off the rim and pull out the tube.
        2. Pump it up a little and find the hole by listening or dipping it in water.
        3. Roughen the area with sandpaper, spread a thin layer of glue and wait until it turns tacky.
        4. Press the patch on firmly for a minute.
        5. Check the tyre for the thorn or glass that caused it, then refit the tube and pump it up.
        """, """
        1. Leave the wheel on the bike and find the hole by squeezing the tyre.
        2. Put glue on the patch and press it on straight away while the glue is wet.
        3. Pump it to maximum pressure immediately so the patch seals.
        """),
    ("How do I read a nutrition label?", """
        1. Start with the serving size: every number on the label refers to it.
        2. Check the calories per serving, and how many servings the pack holds.
        3. Look at saturated fat, sugar and salt; lower is usually better.
        4. Look for fibre and protein, which help you feel full.
        5. Read the ingredients list: they are in order of weight, largest first.
        """, """
        1. Ignore the serving size; the numbers are always for the whole pack.
        2. Focus on calories only.
        3. Ingredients are listed alphabetically, so their order tells you nothing.
        """),
    ("How do I make cold brew coffee?", """
        1. Coarsely grind 100 g of coffee.
        2. Stir it into 1 litre of cold or room-temperature water in a jar.
        3. Cover and leave it in the fridge for 12–18 hours.
        4. Strain through a paper filter or a fine sieve lined with cloth.
        5. Dilute the concentrate with water or milk to taste; it keeps for about a week in the fridge.
        """, """
        1. Finely grind the coffee like espresso.
        2. Pour boiling water over it.
        3. Leave it on the counter for 30 minutes.
        4. Put it in the fridge, and it's cold brew.
        """),
    ("How do I get candle wax off a tablecloth?", """
        1. Let the wax harden, or speed it up with an ice cube in a bag.
        2. Scrape off as much as you can with a blunt knife.
        3. Put paper towels on both sides and press with a warm iron; the towels soak up the melted wax.
        4. Move to a clean patch of towel and repeat until nothing transfers.
        5. Treat any colour stain with stain remover, then wash as usual.
        """, """
        1. Wipe the wax immediately while it's still hot and liquid.
        2. Put the tablecloth in the tumble dryer to melt the rest.
        3. Wash it on a cold cycle.
        """),
    ("How do I organise a small wardrobe?", """
        1. Take everything out and sort it into keep, donate and repair.
        2. Put the clothes you wear most at eye level and within easy reach.
        3. Use matching slim hangers to save space.
        4. Fold knitwear instead of hanging it, so it keeps its shape.
        5. Add shelf dividers or boxes for small items and store out-of-season clothes elsewhere.
        """, """
        1. Hang all jumpers so they're easy to see.
        2. Keep everything, since you might need it one day.
        3. Put your everyday clothes on the top shelf, out of the way.
        """),
    ("How do I practise a speech?", """
        1. Read it aloud once to check how long it takes and where you stumble.
        2. Cut it into sections and learn the key point of each, not every word.
        3. Practise standing up, ideally in front of a friend or a camera.
        4. Mark places to pause and slow down.
        5. Do a full run-through the day before, and one short one on the day.
        """, """
        1. Memorise it word for word silently in your head.
        2. Practise only the opening.
        3. Speak as fast as you can so it doesn't run over time.
        """),
    ("How do I make a simple tomato sauce?", """
        1. Soften a chopped onion in olive oil over a medium heat for about 8 minutes.
        2. Add 2 crushed garlic cloves and cook for 1 minute.
        3. Tip in a 400 g tin of chopped tomatoes, a pinch of salt and a pinch of sugar.
        4. Simmer for 15–20 minutes, stirring now and then, until thick.
        5. Season to taste and stir in torn basil.
        """, """
        1. Boil chopped tomatoes in a litre of water for 5 minutes.
        2. Add a whole raw onion.
        3. Add the garlic at the very end and burn it slightly for flavour.
        4. Serve immediately, while still watery.
        """),
    ("How do I paint a room?", """
        1. Move furniture out or to the middle and cover the floor.
        2. Fill holes, sand them smooth and wipe the walls clean.
        3. Tape the skirting boards and window frames.
        4. Cut in around the edges with a brush, then roll the walls in overlapping W shapes.
        5. Let the first coat dry fully, then apply a second coat.
        """, """
        1. Start rolling paint straight onto the walls; preparation is optional.
        2. Paint the edges last, after the rolled paint has dried.
        3. Apply one thick coat so you don't need a second.
        """),
    ("How do I keep berries fresh for longer?", """
        1. Sort them and throw out any mouldy or crushed berries.
        2. Don't wash them until just before eating.
        3. Store them in a container lined with paper towel, in a single layer if you can.
        4. Keep them in the fridge, not the door.
        5. Freeze any you won't eat in a few days.
        """, """
        1. Wash them all as soon as you get home.
        2. Leave them in a sealed bag on the counter.
        3. Keep the mouldy ones in; they ripen the others.
        """),
    ("How do I choose a ripe watermelon?", """
        1. Pick one that feels heavy for its size: that means lots of juice.
        2. Look for a creamy yellow patch underneath where it rested on the ground.
        3. Tap it: a deep, hollow sound is a good sign.
        4. Choose a firm, dull rind over a very shiny one.
        """, """
        1. Pick the lightest one of its size.
        2. Avoid any with a yellow patch; that means it's damaged.
        3. Choose the shiniest rind you can find.
        """),
    ("How do I calm down before an exam?", """
        1. Breathe slowly: in for 4 seconds, hold for 4, out for 6, a few times.
        2. Arrive early so you aren't rushing.
        3. Skip last-minute cramming; glance over a one-page summary instead.
        4. Read all the questions first and start with one you know.
        5. If you go blank, move on and come back later.
        """, """
        1. Stay up late the night before to revise everything once more.
        2. Arrive at the last minute to avoid other students' nerves.
        3. Start with the hardest question and don't move on until it's done.
        """),
    (["How do I make cold brew coffee?",
      "Coarsely grind 100 g of coffee, stir it into 1 litre of cold water, leave it in the fridge for 12–18 hours, "
      "then strain it. Dilute to taste.",
      "Can I make it stronger?"], """
        1. Use more coffee: try 150 g per litre for a strong concentrate.
        2. Steep for up to 24 hours; much longer tends to taste woody.
        3. Dilute less when you serve it.
        4. Keep the grind coarse; a fine grind turns it bitter and muddy rather than stronger.
        """, """
        1. Grind the coffee as finely as possible.
        2. Leave it to steep for three or four days.
        3. Use warm water instead of cold.
        """),
    (["How do I paint a room?",
      "Prepare the walls, tape the edges, cut in with a brush, roll the walls, let it dry, then do a second coat.",
      "How long should I wait between coats?"], """
        1. Check the tin: most water-based emulsions need 2–4 hours.
        2. Oil-based paints usually need much longer, often 16–24 hours.
        3. Cold or humid rooms slow drying, so open a window or allow extra time.
        4. The wall should feel dry and no longer cool to the touch before you start.
        """, """
        1. There is no need to wait; paint the second coat while the first is wet.
        2. Oil-based paint dries faster than water-based.
        3. Close all the windows so the paint dries quicker.
        """),
]
