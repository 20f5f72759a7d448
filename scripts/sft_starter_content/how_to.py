"""how_to content: hand-written step-by-step answers for scripts/make_sft_starter.py.

(prompt, answer) pairs; answers pass through `inspect.cleandoc`, so indentation is free.
"""

HOW_TO = [
    ("How do I boil an egg?", """
        1. Bring a pot of water to the boil, deep enough to cover the eggs.
        2. Lower the eggs in gently with a spoon.
        3. Keep it at a gentle boil: about 6–7 minutes for a jammy yolk, 9–10 for firm, 11–12 for fully hard.
        4. Move the eggs to a bowl of cold or iced water for a few minutes.
        5. Tap, roll and peel, starting from the wide end where the air pocket is.
        """),
    ("How do I cook white rice on the stove?", """
        1. Rinse 1 cup of rice in a sieve until the water runs mostly clear.
        2. Put it in a pot with about 1.5 cups of water (check the packet; long-grain rice usually needs 1.5 to 2 cups) and a pinch of salt.
        3. Bring to the boil, then cover and turn the heat to low.
        4. Cook for about 15–18 minutes without lifting the lid.
        5. Take it off the heat and let it rest, covered, for 5–10 minutes, then fluff it with a fork.
        """),
    ("How do I make scrambled eggs?", """
        1. Crack 2–3 eggs into a bowl, add a pinch of salt and whisk until smooth.
        2. Melt a small knob of butter in a non-stick pan over low to medium-low heat.
        3. Pour in the eggs and let them sit for a few seconds.
        4. Stir slowly with a spatula, pushing the set egg from the edges to the middle.
        5. Take the pan off the heat while the eggs still look slightly wet; they keep cooking.
        6. Season with pepper and serve straight away.
        """),
    ("How do I make a simple vinaigrette?", """
        1. In a jar, combine 3 parts oil to 1 part vinegar or lemon juice, for example 3 tablespoons of olive oil and 1 of vinegar.
        2. Add a pinch of salt, some pepper and half a teaspoon of mustard, which helps it emulsify.
        3. Optional: a little honey or a finely chopped shallot.
        4. Close the lid and shake hard for about 20 seconds.
        5. Taste it on a salad leaf and adjust the salt or acidity. It keeps in the fridge for a few days.
        """),
    ("How do I make pour-over coffee?", """
        1. Heat water to just off the boil, about 92–96 °C.
        2. Grind the coffee medium-fine. A good starting ratio is 15 g of coffee to 250 g of water.
        3. Put a paper filter in the dripper, rinse it with hot water and pour that water away.
        4. Add the coffee, pour in about twice its weight of water to wet it, and wait 30 seconds (the bloom).
        5. Pour the rest slowly in circles over 2–3 minutes.
        6. If it tastes sour, grind finer next time; if it tastes bitter, grind coarser.
        """),
    ("How do I keep fresh herbs from wilting?", """
        Soft herbs (basil, parsley, coriander): trim the stems and stand them in a glass of water like flowers. Keep basil at room temperature; cover parsley and coriander loosely with a bag and keep them in the fridge.

        Hard herbs (rosemary, thyme, sage): wrap them in a slightly damp paper towel, put them in a bag or container and refrigerate.

        Either way, wash herbs just before you use them, not before storing, because moisture speeds up rotting.
        """),
    ("How should I study for an exam that's two weeks away?", """
        1. List every topic that will be tested and rate how well you know each one.
        2. Spread the topics over the first 10 days, weakest first, and keep the last few days for review.
        3. Study actively: answer practice questions and explain ideas aloud instead of rereading.
        4. Work in focused blocks of 25–50 minutes with short breaks.
        5. Come back to each topic a few days after you first study it (spaced repetition).
        6. Do at least one timed practice exam.
        7. Sleep properly, especially the night before; late-night cramming usually costs more than it gains.
        """),
    ("How do I take better notes in lectures?", """
        1. Skim the reading or slides beforehand so you know the structure.
        2. Write key ideas in your own words instead of copying everything.
        3. Use a simple layout, such as headings with bullet points, and leave space.
        4. Mark anything you don't understand with a "?" so you can follow it up.
        5. Within 24 hours, review the notes and write a short summary at the bottom of each page.
        6. Turn the key points into questions to test yourself later.
        """),
    ("What's a good way to memorise vocabulary in a new language?", """
        1. Use flashcards with spaced repetition (an app or a paper box system), so you review each word just before you would forget it.
        2. Learn words in context: put each one in a short sentence.
        3. Say the words aloud and write them, don't only read them.
        4. Start with the most frequent words; a few hundred common words cover a large share of everyday speech.
        5. Keep sessions short and daily, about 15–20 minutes, rather than one long session a week.
        6. Use new words in speaking or writing as soon as you can.
        """),
    ("How does the Pomodoro technique work?", """
        1. Pick one task.
        2. Set a timer for 25 minutes and work only on that task.
        3. When the timer rings, take a 5-minute break.
        4. After four rounds, take a longer break of 15–30 minutes.
        5. If a distraction comes up, write it down and go back to the task.

        The fixed intervals make it easier to start and help you see how long tasks really take. Adjust the lengths if 25 minutes doesn't suit you.
        """),
    ("How do I write a professional email?", """
        1. Subject line: short and specific, e.g. "Question about the March invoice".
        2. Greeting: "Hi Sam," or "Dear Ms Lee," depending on how formal the relationship is.
        3. First line: say why you're writing.
        4. Body: give the details in short paragraphs or bullet points.
        5. Close with a clear next step, e.g. "Could you confirm by Friday?"
        6. Sign off with "Best regards," and your name.
        7. Reread once for tone, typos and missing attachments before sending.
        """),
    ("How do I write a follow-up email after a job interview?", """
        Send it within 24 hours and keep it short:
        1. Subject: "Thank you – [role] interview".
        2. Thank the interviewer by name for their time.
        3. Mention one specific thing you discussed, to show you were engaged.
        4. Briefly restate why you're interested in the role.
        5. Offer to send anything else they need.

        Example: "Hi Maria, thank you for meeting me today about the analyst role. I enjoyed hearing about the team's move to automated reporting, and I'd be excited to contribute to it. Please let me know if I can share anything else. Best regards, Alex"
        """),
    ("How do I ask my teacher for an extension on an assignment?", """
        Ask as early as you can, and be specific:
        1. Name the assignment and its current due date.
        2. Give a brief, honest reason; you don't need to overshare.
        3. Propose a new date.
        4. Mention what you've done so far.

        Example: "Dear Dr Patel, I'm writing about the essay due on Friday. I've been ill this week and have finished the outline but not the draft. Would it be possible to submit it on Tuesday instead? Thank you for considering it. Best wishes, Jordan"
        """),
    ("How do I politely decline a meeting invitation?", """
        1. Reply promptly rather than ignoring the invite.
        2. Thank them and say clearly that you can't attend.
        3. Give a short reason if it's appropriate.
        4. Offer an alternative: another time, a colleague who can go, or written input.

        Example: "Thanks for the invite. I can't make Thursday's meeting because of a deadline, but I'm happy to send my notes on the budget beforehand, or we could find 15 minutes early next week."
        """),
    ("How do I take a screenshot on Windows?", """
        - Windows + Shift + S: select an area; the image goes to the clipboard, and a notification lets you edit and save it.
        - Print Screen (PrtSc): copies the whole screen to the clipboard (on some setups it opens the Snipping Tool instead).
        - Windows + Print Screen: saves the full screen to Pictures > Screenshots.
        - Alt + Print Screen: copies only the active window.

        Paste a clipboard image with Ctrl + V into a document, chat or image editor.
        """),
    ("How do I take a screenshot on a Mac?", """
        - Shift + Command + 3: the whole screen.
        - Shift + Command + 4: drag to select an area.
        - Shift + Command + 4, then Space: click a window to capture it.
        - Shift + Command + 5: opens the screenshot toolbar, with more options and screen recording.

        Screenshots are saved to the desktop by default. Add Control to any of these shortcuts to copy to the clipboard instead of saving a file.
        """),
    ("How do I create a strong password?", """
        1. Make it long: at least 12–16 characters. Length matters more than symbols.
        2. A passphrase of four or more random, unrelated words works well, e.g. "lantern-ocean-pickle-radio" (don't use this exact one).
        3. Never reuse a password across sites; one breach would expose them all.
        4. Avoid personal details such as names, birthdays or pets.
        5. Use a password manager to generate and store unique passwords.
        6. Turn on two-factor authentication for important accounts.
        """),
    ("How do I back up my computer's files?", """
        Follow the 3-2-1 rule: 3 copies of your data, on 2 different kinds of storage, with 1 copy off-site.
        1. Get an external drive and use the built-in tool: File History on Windows or Time Machine on a Mac.
        2. Let it run automatically, e.g. daily.
        3. Add a cloud backup or sync service for important folders as the off-site copy.
        4. Now and then, try restoring a file to make sure the backup actually works.
        """),
    ("How do I clear my browser cache?", """
        In Chrome, Edge and Firefox on a computer, press Ctrl + Shift + Delete (Cmd + Shift + Delete on a Mac) to open the clear-data window. Then:
        1. Choose a time range, such as "All time".
        2. Tick "Cached images and files". Untick cookies and passwords if you want to stay logged in.
        3. Click the button to clear the data.

        In Safari, turn on the Develop menu in Safari's settings (Advanced tab), then choose Develop > Empty Caches.
        """),
    ("How do I make a zip file?", """
        - Windows: select the files, right-click and choose "Compress to ZIP file" (on older versions: Send to > Compressed (zipped) folder).
        - Mac: select the files, Control-click (or right-click) and choose "Compress".
        - Linux or a terminal: `zip -r archive.zip folder/`

        To unzip, double-click the file on Windows or Mac, or run `unzip archive.zip` in a terminal.
        """),
    ("How do I find my computer's IP address?", """
        Your local (private) address on your network:
        - Windows: open Command Prompt, run `ipconfig` and look for "IPv4 Address".
        - Mac: System Settings > Network > your connection > Details, or run `ipconfig getifaddr en0` in Terminal.
        - Linux: run `ip addr` or `hostname -I`.

        Your public address, the one websites see, belongs to your router. You can see it by searching "what is my IP" in a browser.
        """),
    ("How do I set up two-factor authentication?", """
        1. Sign in to the account and open its security settings.
        2. Find "Two-factor authentication" or "2-step verification" and turn it on.
        3. Choose a method: an authenticator app or a security key is safer than SMS codes.
        4. For an app, scan the QR code with it and type in the 6-digit code to confirm.
        5. Save the backup codes somewhere safe, such as your password manager or a printed copy.

        Start with your email account, since it can be used to reset everything else.
        """),
    ("How do I remove a coffee stain from a shirt?", """
        1. Act quickly: blot (don't rub) the excess with a clean cloth.
        2. Rinse the stain from the back with cold water to push it out of the fibres.
        3. Rub in a little liquid laundry detergent or washing-up liquid and leave it for 5–10 minutes.
        4. Rinse again, then wash as usual at the warmest temperature the care label allows.
        5. Check before drying, since heat can set a stain that's still there. Repeat if needed.
        """),
    ("How do I unclog a sink with a plunger?", """
        1. Remove the drain stopper and any visible gunk.
        2. In a double sink, block the other drain with a wet cloth; in a bathroom sink, cover the overflow hole.
        3. Run a few centimetres of water so the plunger cup is covered.
        4. Place the plunger over the drain to make a seal, pump firmly up and down 10–15 times, then pull it off sharply.
        5. Repeat a few times. When the water drains, flush it through with hot water.

        If that doesn't work, clean out the U-bend (P-trap) under the sink or use a drain snake.
        """),
    ("How do I change a light bulb safely?", """
        1. Turn the light off at the switch and let the bulb cool for a few minutes.
        2. Stand on a stable step stool or ladder, not a chair.
        3. Unscrew the bulb anticlockwise (for bayonet fittings, push in and twist).
        4. Check that the new bulb has the same base type and doesn't exceed the fitting's wattage rating.
        5. Fit it gently until snug; don't overtighten.
        6. Switch on and test.

        If a bulb has broken in the socket, switch off that circuit at the fuse box before removing it.
        """),
    ("How do I iron a shirt?", """
        1. Check the care label and set the iron to the right heat; use steam for cotton.
        2. Iron the collar first, on both sides, working from the points inward.
        3. Do the cuffs, then the sleeves, laying each one flat.
        4. Iron the back, then each front panel, working around the buttons rather than over them.
        5. Put it on a hanger straight away so it doesn't crease again.

        A slightly damp shirt is easier to iron than a bone-dry one.
        """),
    ("How do I fold a fitted sheet?", """
        1. Hold the sheet inside out by two neighbouring corners, one in each hand.
        2. Tuck one corner into the other so the pockets nest together.
        3. Do the same with the other two corners.
        4. Tuck one pair into the other so all four corners are stacked.
        5. Lay it flat on a table; the elastic edges form a rough rectangle.
        6. Fold the edges in to make a neat rectangle, then fold it in halves or thirds.
        """),
    ("How do I jump-start a car?", """
        1. Park the working car close by, turn both engines off and put on the handbrakes.
        2. Connect a red clamp to the flat battery's positive (+) terminal.
        3. Connect the other red clamp to the good battery's positive (+) terminal.
        4. Connect a black clamp to the good battery's negative (−) terminal.
        5. Attach the last black clamp to bare, unpainted metal on the dead car's engine, away from the battery.
        6. Start the working car, wait a few minutes, then start the other car.
        7. Remove the cables in reverse order, and drive for at least 20–30 minutes to recharge the battery.

        Check the car's manual too, since some models have dedicated jump-start points.
        """),
    ("How do I change a flat tyre?", """
        1. Stop somewhere flat and safe, turn on the hazard lights and apply the handbrake.
        2. Get out the spare wheel, the jack and the wheel wrench.
        3. Loosen the wheel nuts about half a turn while the wheel is still on the ground.
        4. Place the jack at the lifting point shown in the manual and raise the car until the tyre is off the ground.
        5. Remove the nuts and the wheel, fit the spare and tighten the nuts by hand.
        6. Lower the car, then tighten the nuts fully in a star pattern.
        7. Check the spare's pressure and get the flat repaired soon; many spares are only meant for short distances at limited speed.
        """),
    ("How do I make a monthly budget?", """
        1. Add up your monthly take-home pay.
        2. List fixed costs (rent, bills, loan payments) and estimate variable ones (food, transport, fun) from a few months of bank statements.
        3. A common starting split is 50/30/20: 50% needs, 30% wants, 20% savings and debt repayment.
        4. Set a limit for each category and check your spending weekly with an app or a spreadsheet.
        5. Pay yourself first: move savings out automatically on payday.
        6. Review at the end of the month and adjust the limits.
        """),
    ("How can I prepare for a job interview?", """
        1. Research the company: what it does, recent news and the team you'd join.
        2. Reread the job description and match each requirement to an example from your experience.
        3. Prepare short stories in the STAR format: Situation, Task, Action, Result.
        4. Practise common questions aloud: "Tell me about yourself", "Why this role?", "Describe a challenge you faced".
        5. Prepare two or three questions to ask them.
        6. Sort out the logistics: route or video link, clothes, a copy of your CV.
        7. Arrive (or log in) 5–10 minutes early.
        """),
    ("How do I fall asleep faster?", """
        1. Keep the same bedtime and wake-up time, even at weekends.
        2. Avoid caffeine from early afternoon.
        3. Dim the lights and put screens away 30–60 minutes before bed.
        4. Keep the bedroom cool, dark and quiet.
        5. Have a wind-down routine: reading, a warm shower or slow breathing (in for 4 counts, out for 6).
        6. If you're still awake after about 20 minutes, get up, do something calm in dim light, and go back when you feel sleepy.

        If sleep problems last for weeks, it's worth talking to a doctor.
        """),
    ("How should a beginner start running?", """
        1. Start with run–walk intervals, for example 1 minute running and 2 minutes walking, repeated for 20–30 minutes.
        2. Run three times a week, with rest days in between.
        3. Go at a pace where you can still talk in short sentences.
        4. Lengthen the running parts gradually, adding no more than about 10% total time per week.
        5. Wear comfortable running shoes.
        6. Warm up with 5 minutes of brisk walking and cool down afterwards.

        Pain that gets worse as you run is a sign to stop and rest.
        """),
    ("How often should I water my houseplants?", """
        It depends on the plant, the light and the season, so check the soil rather than following a fixed schedule:
        1. Push a finger 2–3 cm into the soil. If it's dry, water; if it's damp, wait.
        2. Water thoroughly until it drains from the bottom, then empty the saucer.
        3. Succulents and cacti: let the soil dry out completely between waterings.
        4. Ferns and most tropical plants: keep the soil lightly moist.
        5. Water less in winter, when growth slows.

        Overwatering kills more houseplants than underwatering.
        """),
    ("How do I repot a plant?", """
        1. Choose a pot one size larger (2–5 cm wider) with drainage holes.
        2. Water the plant the day before so the root ball holds together.
        3. Tip the plant sideways, support the base of the stems and ease it out.
        4. Gently loosen any roots circling the bottom.
        5. Put fresh potting mix in the new pot, set the plant at the same depth as before and fill in around it.
        6. Water well and keep it out of strong direct sun for about a week while it settles.

        Spring is usually the best time to repot.
        """),
    ("How do I change my desktop wallpaper on Windows?", """
        1. Right-click an empty part of the desktop and choose Personalize.
        2. Open Background.
        3. Pick a picture, a solid colour or a slideshow; click "Browse photos" to use your own image.
        4. Choose a fit option such as Fill, so the image covers the screen without stretching.
        """),
    ("How do I make a new folder on my computer?", """
        - Windows: in File Explorer or on the desktop, press Ctrl + Shift + N, or right-click and choose New > Folder. Type a name and press Enter.
        - Mac: in Finder or on the desktop, press Shift + Command + N, or Control-click and choose New Folder.
        - Terminal (Mac or Linux): `mkdir folder-name`
        """),
    ("How do I update my operating system?", """
        - Windows: Settings > Windows Update > Check for updates, then install and restart when asked.
        - Mac: System Settings > General > Software Update.
        - Ubuntu: run `sudo apt update && sudo apt upgrade` in a terminal, or use the Software Updater app.

        Save your work first, keep laptops plugged in while updating, and have a recent backup before a major version upgrade.
        """),
    ("How can I speed up a slow computer?", """
        1. Restart it; this alone often helps.
        2. Close programs and browser tabs you aren't using.
        3. Stop unneeded programs from starting automatically (Task Manager > Startup apps on Windows; System Settings > General > Login Items on a Mac).
        4. Free up disk space if the drive is nearly full.
        5. Install system updates.
        6. Uninstall software you no longer use and run a malware scan.
        7. If it's still slow, check whether more memory (RAM) or an SSD would help.
        """),
    ("How do I write a to-do list I'll actually follow?", """
        1. Write down everything on your mind, then pick no more than three priorities for today.
        2. Phrase each item as a concrete action: "Email Jo about the venue", not "Venue".
        3. Break big tasks into steps of 30 minutes or less.
        4. Do the most important task first, before checking messages.
        5. Give tasks that keep slipping a time slot in your calendar.
        6. At the end of the day, cross off what you did and move what's left.
        """),
    ("How do I make a good cup of tea?", """
        1. Boil fresh water. For black tea, use it just off the boil; for green tea, let it cool to about 70–80 °C.
        2. Warm the mug or pot with a splash of hot water, then pour it out.
        3. Use one teabag or about one teaspoon of loose tea per cup.
        4. Steep black tea for 3–5 minutes and green tea for 2–3 minutes; longer makes it bitter.
        5. Remove the tea, then add milk, lemon or honey to taste.
        """),
    ("How do I prepare a presentation?", """
        1. Decide the one message the audience should remember.
        2. Outline 3–5 main points that support it, in a logical order.
        3. Make simple slides: one idea per slide, few words, large text and clear visuals.
        4. Write speaker notes, not a script to read out.
        5. Rehearse aloud at least twice and time yourself.
        6. Prepare for likely questions.
        7. Open with why the topic matters to the audience, and close by repeating the key message.
        """),
    ("How do I clean a laptop screen?", """
        1. Turn the laptop off and unplug it.
        2. Wipe gently with a dry microfibre cloth to remove dust.
        3. For smudges, lightly dampen the cloth with water (never spray the screen directly) and wipe in one direction.
        4. Avoid paper towels, window cleaner and ammonia- or alcohol-based products unless the manufacturer says they're safe; they can damage the coating.
        5. Let it dry completely before turning it back on.
        """),
    ("How do I learn to touch type?", """
        1. Put your fingers on the home row: left hand on A S D F, right hand on J K L ;. The bumps on F and J help you find them without looking.
        2. Learn which finger covers each key, and keep your eyes off the keyboard.
        3. Practise for 15–20 minutes a day with a typing tutor website or app.
        4. Focus on accuracy first; speed follows.
        5. Expect to be slower for a week or two before you overtake your old habits.
        """),
    ("How do I make overnight oats?", """
        1. In a jar, mix half a cup of rolled oats with half a cup of milk (dairy or plant-based).
        2. Add 2–3 tablespoons of yoghurt for creaminess and a pinch of salt.
        3. Sweeten with honey or maple syrup if you like; a spoon of chia seeds makes it thicker.
        4. Stir, cover and refrigerate overnight, or for at least 4 hours.
        5. In the morning, top with fruit, nuts or cinnamon. It keeps in the fridge for about 3 days.
        """),
    ("How do I write a cover letter?", """
        1. Address it to a named person if you can find one.
        2. Opening: the role you're applying for and one line on why you want it.
        3. Middle: two short paragraphs linking your most relevant experience to the job's main requirements, each with a concrete result.
        4. Show you know the company: mention something specific about its work.
        5. Close: restate your interest and say you'd welcome an interview.
        6. Keep it under one page, and tailor it to each application.
        """),
]

HOW_TO_MULTI_TURN = [
    [("How do I cook dried pasta properly?", """
        1. Bring a large pot of water to a rolling boil and salt it well.
        2. Add the pasta and stir during the first minute so it doesn't stick.
        3. Cook for the time on the packet, tasting a minute or two early; it should be tender with a slight bite (al dente).
        4. Save a cup of the cooking water before draining.
        5. Toss the pasta with the sauce, adding a splash of the starchy water to help it cling.
        """),
     ("How much salt should I put in the water?", """
        A common guide is about 10 g of salt per litre of water, roughly 2 teaspoons. The water should taste pleasantly salty, like a well-seasoned soup. Use a little less if your sauce is already salty.
        """)],
    [("What's the easiest way to peel a hard-boiled egg?", """
        1. Cool the egg in iced water for a few minutes as soon as it's cooked.
        2. Tap the wide end (where the air pocket is) on the counter, then roll the egg to crack the shell all over.
        3. Peel under a thin stream of running water, which helps lift the membrane.
        """),
     ("Why do some eggs peel so badly?", """
        Very fresh eggs are the usual culprit: their whites stick to the inner membrane. Eggs that are a week or two old peel more easily. Lowering eggs into water that's already boiling, rather than starting them in cold water, also tends to help.
        """)],
]
