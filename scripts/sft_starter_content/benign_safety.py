"""More benign_sensitive content for scripts/make_sft_starter.py: safety, pests, kitchen, history, fiction.

Harmless requests with risky-sounding words: getting rid of pests, household safety questions
(answered with what to keep apart and why), butchery-sounding kitchen tasks, historical and
educational questions about weapons and wars, fiction-writing questions, and protecting oneself
from scams and spyware. Answered helpfully and plainly: no refusal and no moralising.
"""

BENIGN_SAFETY_AND_HOME = [
    ("Is it safe to mix bleach and vinegar for a stronger cleaner?", """
        No. Bleach mixed with an acid such as vinegar releases chlorine gas, which irritates the eyes, throat and lungs. Use them separately, rinsing in between, and keep the room ventilated. Bleach should also never be mixed with ammonia-based cleaners, which produces toxic chloramine vapours. Plain bleach diluted as the label says is strong enough.
        """),
    ("What should I do if I smell gas in my home?", """
        1. Don't switch lights or appliances on or off, and don't light anything.
        2. Open doors and windows.
        3. Turn off the gas at the meter if you can do it safely.
        4. Get everyone out of the building.
        5. From outside, call your gas supplier's emergency number or the emergency services.
        Don't go back in until they say it's safe.
        """),
    ("How do I put out a grease fire in a pan?", """
        1. Never use water; it makes burning oil erupt.
        2. Turn off the heat if you can reach it safely.
        3. Slide a lid or a baking tray over the pan to smother the flames, and leave it there until it cools.
        4. For a small fire, a fire blanket works too.
        5. If the fire spreads, get everyone out, close the door and call the emergency services.
        """),
    ("What are the signs of carbon monoxide poisoning?", """
        Early signs are headache, dizziness, nausea, tiredness and confusion, often in several people or pets in the same building, and they improve when you go outside. If you suspect it, get everyone into fresh air, turn off fuel-burning appliances if safe, and seek medical help. A carbon monoxide alarm near boilers and bedrooms gives early warning, because the gas has no smell.
        """),
    ("Which plants are poisonous to cats?", """
        Lilies are the most dangerous: even pollen or water from the vase can cause kidney failure in cats. Others to avoid include sago palms, oleander, daffodils and tulips (especially the bulbs), dieffenbachia (dumb cane), and azaleas. Safer choices are spider plants, Boston ferns and calatheas. If your cat chews a toxic plant, call your vet straight away.
        """),
    ("Which human foods are toxic to dogs?", """
        Keep these away from dogs:
        - chocolate, especially dark chocolate;
        - grapes and raisins;
        - onions, garlic, leeks and chives;
        - xylitol, a sweetener in some sugar-free gum and peanut butter;
        - macadamia nuts;
        - alcohol and caffeine.

        If your dog eats any of them, call your vet even if it seems fine.
        """),
    ("How can I tell if a wild mushroom is poisonous?", """
        There's no simple rule; colour, smell, taste and "animals eat it" tests are all unreliable, and some deadly species look like edible ones. Only eat wild mushrooms identified by an experienced local expert, for example on a guided foraging walk. If someone eats an unknown mushroom and feels unwell, get medical help and keep a sample to show the doctor.
        """),
    ("How should I store guns at home when I have young kids?", """
        - Keep firearms unloaded and locked in a gun safe or lockbox that children can't open.
        - Store ammunition separately, also locked.
        - Keep keys and combinations where children can't find them.
        - Use a cable or trigger lock as an extra layer.
        - Teach children that if they ever see a gun, they shouldn't touch it and should tell an adult.
        Check your local laws, which may set specific storage requirements.
        """),
    ("What should I do if someone is choking?", """
        If they can cough or speak, encourage them to keep coughing. If they can't breathe, speak or cough:
        1. Call the emergency services, or get someone else to.
        2. Give up to 5 firm back blows between the shoulder blades.
        3. If that fails, give up to 5 abdominal thrusts: stand behind them, fist just above the navel, pull sharply inwards and upwards.
        4. Keep alternating until the object comes out or help arrives.
        A first-aid course teaches this properly, including for babies.
        """),
    ("What's the right way to remove a tick?", """
        1. Use fine-tipped tweezers or a tick-removal tool.
        2. Grip the tick as close to the skin as possible.
        3. Pull upwards slowly and steadily, without twisting or squeezing its body.
        4. Clean the bite and your hands with soap and water or antiseptic.
        Don't burn it or smother it in oil. See a doctor if you develop a spreading rash or flu-like symptoms in the following weeks.
        """),
    ("How do I treat a minor burn at home?", """
        1. Cool it under cool running water for 20 minutes as soon as you can.
        2. Remove rings or tight clothing nearby before it swells.
        3. Cover it loosely with cling film or a clean, non-fluffy dressing.
        4. Take a painkiller if needed.
        Don't use ice, butter or toothpaste. Get medical help for burns larger than your palm, on the face, hands or genitals, or that look deep.
        """),
    ("How can I tell if there's a hidden camera in my holiday rental?", """
        - Look at things that face the bed or shower: smoke alarms, clocks, chargers, air fresheners.
        - Turn the lights off and look for tiny LEDs, or sweep the room with your phone torch to spot a lens reflection.
        - Check the Wi-Fi network's device list, if you can see it, for unfamiliar cameras.
        - Cover anything suspicious.
        If you find one, take photos, leave, and report it to the booking platform and the police.
        """),
    ("How can I tell if my phone has spyware on it?", """
        Warning signs include a battery that drains unusually fast, high data use, apps you don't recognise, and settings changed without you. To check and clean up:
        1. Update the operating system.
        2. Review installed apps and remove any you don't recognise.
        3. On Android, check which apps have accessibility or device-admin access.
        4. Change your important passwords from a different device and turn on two-factor authentication.
        If you're still worried, a factory reset removes most spyware.
        """),
    ("How do scammers usually trick older people, so I can warn my parents?", """
        Common tricks to warn them about:
        - calls or texts claiming to be the bank, police or tax office, demanding urgent payment;
        - a "grandchild in trouble" asking for money and secrecy;
        - pop-ups saying the computer is infected, with a number to call;
        - romance scams that slowly ask for money.

        The simple rules: real organisations never rush you or ask for your PIN, hang up and call back on a number you look up yourself, and talk to family before sending money.
        """),
    ("How do I check whether my email address was in a data breach?", """
        Enter it at haveibeenpwned.com, a well-known free service that lists public data breaches. If it shows up, change the password for that site and anywhere you reused it, use a password manager to create unique passwords, and turn on two-factor authentication for important accounts.
        """),
    ("What is a penetration test?", """
        A penetration test is an authorised, simulated attack on a company's systems, carried out by security professionals to find weaknesses before real attackers do. The scope and rules are agreed in writing first. Afterwards the testers write a report explaining what they found and how to fix it.
        """),
    ("How do I find out who keeps making harassing calls to my phone?", """
        - Block the number, and turn on your phone's filter for unknown callers.
        - Keep a log of dates and times, and save any voicemails or texts.
        - Contact your mobile provider: many can trace or block nuisance callers.
        - If the calls are threatening or won't stop, report them to the police with your log.
        Avoid calling back or engaging with the caller.
        """),
    ("How do I get rid of a wasp nest near my front door?", """
        For a nest in a busy spot, the safest option is a professional pest controller, especially if anyone is allergic. If it's small and new (spring, golf-ball sized), it's often fine to leave it and avoid the area until the wasps die off in autumn, since nests aren't reused. Don't block the entrance or knock it down yourself; that provokes the wasps.
        """),
    ("How do I kill bed bugs for good?", """
        1. Confirm them: look for small brown bugs and dark spots along mattress seams.
        2. Wash bedding and clothes at 60 °C and tumble-dry on high heat.
        3. Vacuum the mattress, bed frame and skirting boards, then empty the vacuum outside.
        4. Put the mattress in a bed-bug-proof cover.
        5. Call a professional exterminator; bed bugs are hard to clear alone, and heat treatment works well.
        """),
    ("How do I get rid of slugs in my vegetable patch?", """
        - Go out with a torch on damp evenings and pick them off.
        - Sink a shallow dish of beer into the soil as a trap.
        - Put copper tape or a ring of grit around vulnerable plants.
        - Water in the morning, not the evening, so the soil is drier at night.
        - Encourage predators such as birds, frogs and hedgehogs.
        """),
    ("How do I get rid of moths in my wardrobe?", """
        1. Take everything out and vacuum the wardrobe, especially corners and cracks.
        2. Wash clothes at 60 °C if the fabric allows, or freeze items in a bag for a few days.
        3. Store wool and silk in sealed bags or boxes.
        4. Hang cedar blocks or lavender bags, and use pheromone traps to catch the males.
        5. Wear and shake out stored clothes now and then; moths prefer undisturbed fabric.
        """),
    ("How do I catch a mouse in my house without killing it?", """
        Use a humane live trap baited with peanut butter, placed along a wall where you've seen droppings. Check it at least twice a day. Release the mouse a few kilometres away, ideally near hedges or woodland. Then seal gaps around pipes and doors with steel wool and filler, and keep food in sealed containers so others don't follow.
        """),
    ("How do I get a spider out of my bathroom?", """
        Put a glass over it, slide a piece of card underneath, and carry it outside. If you'd rather not get close, a long-handled bug catcher does the same job. To keep spiders away, seal gaps around windows and pipes and reduce clutter where they can hide.
        """),
    ("How do I destroy old documents with my personal details?", """
        Use a cross-cut shredder, which cuts paper into small pieces that are hard to reassemble; strip-cut shredders are less secure. Many councils, office shops and banks run shredding services or events. For a few pages, tearing them up and mixing them with food waste works. Keep tax records for as long as your tax office requires before destroying them.
        """),
    ("How do I safely get rid of old batteries?", """
        Don't put them in household rubbish: they can leak or start fires in bin lorries. Take them to a battery recycling point, which many supermarkets, electronics shops and recycling centres have. Put tape over the terminals of lithium and 9-volt batteries, and store used ones in a cool, dry container until you drop them off.
        """),
    ("How do I gut a bathroom for a renovation?", """
        1. Turn off the water and electricity to the room and cap the pipes.
        2. Remove fixtures: toilet, sink, bath or shower tray, and cabinets.
        3. Take off tiles with a hammer and chisel, wearing goggles and gloves.
        4. Remove damaged plasterboard or flooring down to the studs and joists.
        5. Hire a skip for the waste.
        If your home might contain asbestos (common in older buildings), get it tested before you start.
        """),
    ("How do I strip old paint off a wooden chair?", """
        1. Work outdoors or in a well-ventilated room, wearing gloves and goggles.
        2. Brush on a paint stripper and leave it for the time on the label.
        3. Scrape off the softened paint with a plastic scraper, following the grain.
        4. Use steel wool or an old toothbrush for the corners.
        5. Wipe down, let it dry, then sand lightly before refinishing.
        If the paint may be very old, test it for lead first, since sanding lead paint releases toxic dust.
        """),
    ("How do I build a campfire safely?", """
        1. Use an existing fire ring or pit where fires are allowed, away from overhanging branches.
        2. Clear a 3-metre circle of leaves and twigs, and keep water or sand nearby.
        3. Stack tinder, then kindling in a small teepee, and add larger logs once it catches.
        4. Keep it small and never leave it unattended.
        5. To put it out, drown it with water, stir the ashes, and repeat until it's cold to the touch.
        """),
    ("How do I light a charcoal barbecue without lighter fluid?", """
        Use a chimney starter: put crumpled newspaper or a couple of firelighters in the bottom, fill the top with charcoal, and light the paper. After 15–20 minutes, when the top coals are covered in grey ash, pour them into the grill. Put the lid on for a few minutes to heat up, then start cooking.
        """),
    ("I'm using a chainsaw for the first time. What safety steps should I follow?", """
        - Wear proper protective gear: helmet with visor, ear defenders, chainsaw trousers, gloves and boots.
        - Read the manual and check the chain tension and brake before starting.
        - Start it on the ground, never by drop-starting.
        - Hold it firmly with both hands and keep your footing stable.
        - Cut below shoulder height and beware of kickback from the tip.
        A short chainsaw safety course is well worth it.
        """),
    ("How do I tell if a socket is live before I replace it?", """
        Switch off the circuit at the consumer unit (fuse box), then check with a voltage tester: first prove the tester works on a socket you know is live, then test the one you're working on, then test the known live one again. Only touch the wiring when the tester shows no voltage. If you're unsure, hire an electrician.
        """),
    ("What's the safe way to thaw a frozen turkey?", """
        Thaw it in the fridge, in a dish to catch drips, allowing roughly 10–12 hours per kg. If you're short of time, submerge it in its wrapping in cold water, changing the water every 30 minutes. Don't thaw it on the counter at room temperature. Cook it as soon as it's thawed, and check there are no ice crystals inside.
        """),
    ("How should I handle raw chicken to avoid food poisoning?", """
        - Don't wash raw chicken; splashing spreads bacteria round the sink.
        - Use a separate chopping board, or wash the board, knife and your hands with hot soapy water straight after.
        - Keep it on the bottom shelf of the fridge so juices can't drip.
        - Cook until the juices run clear and the thickest part reaches 75 °C.
        - Refrigerate leftovers within two hours.
        """),
    ("I found a snake in my garden. What should I do?", """
        Keep your distance and keep children and pets away. Most garden snakes are harmless and will leave on their own if undisturbed. Don't try to catch or kill it; most bites happen that way. If it's in the house or you think it might be venomous, call your local wildlife service or a professional snake remover.
        """),
    ("Is cracking your knuckles bad for you?", """
        Studies have found no link between habitual knuckle cracking and arthritis. The popping sound comes from gas bubbles in the fluid of the joint. It's fine to carry on, unless it hurts or the joint is swollen, in which case see a doctor.
        """),
    ("What's the best way to bury a pet hamster?", """
        Wrap it in a soft cloth or put it in a small cardboard box. Choose a spot in your garden away from vegetable beds and pipes, and dig at least 60 cm deep so other animals don't disturb it. Put a stone or a plant on top as a marker. Your vet can also arrange cremation if you don't have a garden.
        """),
]

BENIGN_KITCHEN_SPORT_HISTORY_FICTION = [
    ("How do I fillet a salmon?", """
        1. Use a sharp, flexible knife and lay the fish on its side.
        2. Cut behind the head and gills down to the backbone.
        3. Turn the blade flat and slice along the backbone towards the tail, keeping it pressed against the bones.
        4. Lift off the fillet, flip the fish and repeat on the other side.
        5. Trim the belly fat and pull out the pin bones with tweezers.
        """),
    ("What's the best way to smoke a brisket?", """
        1. Trim the fat cap to about 5 mm and season generously with salt and pepper.
        2. Smoke at about 110–120 °C over hardwood such as oak or hickory.
        3. When the bark is dark and the temperature stalls around 70 °C, wrap it in butcher paper.
        4. Cook until it's probe-tender, usually around 93–96 °C inside.
        5. Rest it, wrapped, for at least an hour before slicing against the grain.
        """),
    ("How do I beat egg whites to stiff peaks?", """
        1. Use a clean, grease-free bowl; any yolk or oil stops them whipping.
        2. Start with room-temperature whites.
        3. Whisk on medium until foamy, then add a pinch of cream of tartar or a few drops of lemon juice.
        4. Increase the speed and whisk until the peaks stand straight up when you lift the whisk.
        5. If adding sugar, add it a spoonful at a time once soft peaks form.
        """),
    ("How do I crush garlic without a garlic press?", """
        Lay the clove on a chopping board, put the flat of a wide knife on top and press down firmly with the heel of your hand. Peel off the skin, sprinkle on a pinch of salt, then chop and scrape the garlic with the side of the blade until it forms a paste.
        """),
    ("How do I skin and chop a mango?", """
        1. Stand the mango on its end and cut down either side of the flat stone, giving two "cheeks".
        2. Score each cheek in a grid without cutting through the skin.
        3. Push the skin side up so the cubes pop out, then slice them off.
        4. Cut the remaining flesh away from around the stone.
        """),
    ("How do I carve a pumpkin for Halloween?", """
        1. Cut a lid around the stem at an angle, so it doesn't fall in.
        2. Scoop out the seeds and stringy flesh with a large spoon.
        3. Draw your design on the skin with a marker.
        4. Cut it out with a small serrated knife, sawing gently and working away from your hands.
        5. Light it with a battery tea light, which is safer than a candle.
        Roast the seeds with oil and salt for a snack.
        """),
    ("How do I throw a proper jab in boxing class?", """
        1. Stand in your stance: feet shoulder-width apart, lead foot forward, hands up by your chin.
        2. Extend your lead hand straight out, rotating your fist so the palm faces down at the end.
        3. Keep your rear hand guarding your face and your chin tucked.
        4. Snap the punch back along the same line as fast as it went out.
        Practise slowly in front of a mirror, then on pads with a coach.
        """),
    ("How do I hit a golf ball straighter?", """
        - Check your grip: you should see two or three knuckles of your lead hand at address.
        - Aim your feet, hips and shoulders parallel to the target line.
        - Keep your head steady and make a smooth, unhurried swing.
        - A slice usually comes from an open clubface at impact; practise rotating your forearms through the ball.
        - Film your swing or take a lesson to find your specific fault.
        """),
    ("How do I take a free kick that curls over the wall?", """
        1. Place the ball with the valve facing you and step back at an angle, three or four paces.
        2. Plant your standing foot beside the ball, pointing roughly at the target.
        3. Strike the lower half of the ball with the inside of your foot, slightly off-centre.
        4. Follow through across your body to add spin.
        5. Practise aiming at the top corner; consistency comes from repetition.
        """),
    ("How do I aim better in pool?", """
        - Imagine a "ghost ball" touching the object ball, on the line to the pocket, and aim the cue ball at that spot.
        - Keep your head still and low over the cue.
        - Use a smooth, straight stroke and follow through.
        - Form a stable bridge with your front hand.
        - Practise simple straight shots until you pot them every time, then add angles.
        """),
    ("What's the best way to attack a steep hill on my bike?", """
        - Shift to an easier gear before the climb, not halfway up.
        - Keep a steady cadence rather than sprinting at the bottom.
        - Stay seated for longer climbs; stand briefly to use your body weight on the steepest parts.
        - Keep your upper body relaxed and breathe deeply.
        - Look a few metres ahead, not straight down at your wheel.
        """),
    ("How do I shoot a bow at my first archery lesson?", """
        1. Stand side-on to the target with your feet shoulder-width apart.
        2. Nock the arrow and place three fingers on the string, one above and two below the arrow.
        3. Raise the bow, draw the string back to a fixed anchor point, such as the corner of your mouth.
        4. Aim, keep your bow arm steady, and relax your fingers to release.
        5. Hold your position until the arrow lands.
        Your instructor will check your form and safety rules at the range.
        """),
    ("What does the choke on a lawnmower do?", """
        The choke reduces the air going into the engine, making the fuel mixture richer so a cold engine starts more easily. Turn it on to start the mower from cold, then switch it off once the engine is running smoothly, or it will run rough and waste fuel. A warm engine usually doesn't need it.
        """),
    ("How do I bleed the brakes on my bike's hydraulic discs?", """
        Get the bleed kit and the correct fluid for your brand; some use mineral oil and others DOT fluid, and they can't be mixed. In general you attach a syringe at the caliper and another at the lever, push fresh fluid through until no air bubbles come out, then close it up and clean off any spills. Follow your brake maker's instructions, and get a bike shop to check them if the lever still feels spongy.
        """),
    ("Why did the United States drop atomic bombs on Japan in 1945?", """
        The US dropped atomic bombs on Hiroshima (6 August 1945) and Nagasaki (9 August 1945). US leaders said the aim was to force Japan to surrender quickly and avoid an invasion that they expected to cost many lives. Japan announced its surrender on 15 August. Historians still debate whether the bombings were necessary, and the attacks killed well over 100,000 people, most of them civilians.
        """),
    ("What caused the First World War?", """
        The spark was the assassination of Archduke Franz Ferdinand of Austria-Hungary in Sarajevo in June 1914. Deeper causes included a system of rival alliances, an arms race, imperial competition and nationalism. When Austria-Hungary declared war on Serbia, the alliances drew in Russia, Germany, France and Britain within weeks.
        """),
    ("How did the Great Fire of London start?", """
        It began early on 2 September 1666 in Thomas Farriner's bakery on Pudding Lane. Strong winds and closely packed timber houses let it spread for four days, destroying much of the City of London, including old St Paul's Cathedral. Afterwards the city was rebuilt largely in brick and stone, and Christopher Wren designed the new St Paul's.
        """),
    ("What was the Gunpowder Plot?", """
        It was a failed plan in 1605 by a group of English Catholics, led by Robert Catesby, to blow up the House of Lords during the State Opening of Parliament and kill King James I. Guy Fawkes was caught guarding barrels of gunpowder beneath the building on the night of 4–5 November. Bonfire Night in Britain marks the plot's failure.
        """),
    ("How did medieval castles hold out against sieges?", """
        Castles relied on thick stone walls, towers from which defenders could shoot along the walls, moats, drawbridges and heavily defended gatehouses. They stored food and had wells so they could last for months. Attackers often tried to starve them out instead of storming them, which is why sieges could drag on for a long time.
        """),
    ("How did codebreakers at Bletchley Park break the Enigma code?", """
        Building on earlier work by Polish mathematicians, British codebreakers including Alan Turing and Gordon Welchman designed electromechanical machines called bombes. These tested possible Enigma settings quickly, using guessed words likely to appear in messages (called "cribs"), such as weather reports. The intelligence, codenamed Ultra, helped the Allies, especially in the Battle of the Atlantic.
        """),
    ("What weapons did Roman legionaries carry?", """
        A typical legionary carried a short stabbing sword called the gladius, two throwing javelins (pila), a large curved rectangular shield (scutum) and, often, a dagger (pugio). Armour was a helmet and, in the early Empire, segmented plate armour. Their strength lay in drill and discipline as much as in their equipment.
        """),
    ("Why was the Chernobyl disaster so serious?", """
        In April 1986, a flawed safety test at Reactor 4 of the Chernobyl plant in Soviet Ukraine caused a power surge, explosions and a fire. The reactor had design flaws and no strong containment building, so large amounts of radioactive material spread across Europe. The nearby town of Pripyat was evacuated, and an exclusion zone remains today.
        """),
    ("In my mystery novel the victim is poisoned at a dinner party. How can my detective work out who did it?", """
        Give your detective clues that point to opportunity and motive rather than chemistry:
        - who sat beside the victim or served the food and drinks;
        - a glass moved or washed too early;
        - a guest who knew about the victim's allergy, will or secret;
        - a lie about timing exposed by another guest.

        Plant the key clue early in plain sight, add a red herring, and let the detective reveal it in a final gathering.
        """),
    ("How do I write a convincing villain?", """
        - Give them a goal that makes sense from their point of view; the best villains think they're right.
        - Show their competence early so the threat feels real.
        - Tie their plan to the hero's weakness or past.
        - Let them have one human trait, such as loyalty or grief.
        - Reveal their motives gradually rather than in a speech.
        """),
    ("How do I write a realistic sword fight for my fantasy novel?", """
        - Keep it short; real fights are over in seconds.
        - Focus on the character's senses and fear, not every parry.
        - Use varied sentence length: short sentences for fast action.
        - Show fatigue, mistakes and the terrain, like slippery ground.
        - Make the fight change something in the story.
        Watching historical fencing demonstrations can help you picture realistic moves.
        """),
    ("What's a good way to kill off a major character in my novel?", """
        - Make the death matter: it should change the plot or another character.
        - Foreshadow it subtly so it feels inevitable in hindsight.
        - Give the character a last moment that completes their arc.
        - Let the reader grieve through the other characters' reactions.
        - Avoid killing someone just for shock; readers notice.
        """),
    ("How do I make a heist scene in my story feel tense?", """
        - Explain the plan briefly beforehand so readers know what should happen.
        - Then let things go wrong: a guard changes route, a tool breaks.
        - Use a ticking clock, such as a shift change.
        - Cut between characters at moments of suspense.
        - Save one surprise the reader didn't know about for the end.
        """),
    ("How do I describe a battle scene without making it too gory?", """
        - Stay close to one character's point of view; their fear and confusion carry the scene.
        - Use sound, smell and chaos instead of wounds.
        - Imply injuries through reactions and aftermath.
        - Cut away at the worst moment and return after it.
        - Focus on choices: who the character saves, what they leave behind.
        """),
]
