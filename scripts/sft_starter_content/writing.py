"""writing content: hand-written haiku, summaries, replies, product copy and small rewrites.

Used by scripts/make_sft_starter.py. Every haiku is 5-7-5; every paragraph to summarise is
invented for this dataset.
"""

HAIKU_PROMPTS = [
    "Write a haiku about {subject}.",
    "Could you write me a haiku about {subject}?",
    "A haiku about {subject}, please.",
]
# (subject, haiku); each is 5-7-5 syllables.
HAIKUS = [
    ("autumn leaves", "Red leaves drift and spin\nthe cold wind carries them home\nto the quiet ground"),
    ("morning coffee", "Steam curls from the cup\ndark warmth before the day starts\nfirst sip, then the world"),
    ("the ocean", "Waves fold into foam\nthe tide keeps its ancient time\nsalt wind on my face"),
    ("a city at night", "Neon hums softly\ntaxis stream through rain-wet streets\nthe city still wakes"),
    ("the first snow", "First snow, no footprints\nthe whole street holds its breath now\nwhite, soft, and silent"),
    ("a cat", "Sunlight on the floor\nthe cat stretches, yawns, and sleeps\nking of the warm spot"),
    ("rain on a window", "Rain taps on the glass\neach drop racing the others\ndown to the sill's edge"),
    ("spring blossoms", "Pink petals open\nbees hum through the cherry trees\nspring arrives softly"),
    ("a mountain", "Stone peak in the clouds\npatient through ten thousand years\nsnow on its shoulders"),
    ("the moon", "Full moon on the lake\na silver path on water\nthat no boat can sail"),
    ("a library", "Rows of quiet books\neach spine holding a whole world\nwaiting to be read"),
    ("a train journey", "Fields blur past the glass\nthe rails hum a steady song\ntowns come, towns are gone"),
]

SUMMARY_PROMPTS = [
    "Summarise this in one sentence:\n\n{text}",
    "Give me a one-sentence summary of the following:\n\n{text}",
    "Can you sum this up in a single sentence?\n\n{text}",
]
# (paragraph, one-sentence summary); every paragraph is invented for this dataset.
SUMMARIES = [
    ("Our office will move to the new building on Harbour Street next month. Packing crates will arrive "
     "on the 3rd, and everyone should label their belongings with their name and desk number. IT will "
     "disconnect computers on Friday the 10th and reconnect them over the weekend, so the new office will "
     "be ready on Monday the 13th.",
     "The office moves to Harbour Street next month: label your things when the crates arrive on the 3rd, "
     "and IT will move the computers over the weekend of the 10th so everything is ready on Monday the 13th."),
    ("From June, the town library will open at 9 a.m. instead of 10 a.m. on weekdays. Weekend hours will stay "
     "the same. The change follows a survey in which most visitors asked for an earlier opening so they could "
     "visit before work.",
     "After visitors asked for it in a survey, the library will open an hour earlier on weekdays from June, "
     "with weekend hours unchanged."),
    ("Honeybees tell each other where food is with a \"waggle dance\". The angle of the dance relative to "
     "vertical shows the direction of the food relative to the sun, and the length of the waggle part shows "
     "how far away it is. Other bees follow the dancer and then fly out to find the source.",
     "Honeybees use a waggle dance whose angle shows the direction of food and whose length shows its "
     "distance, guiding other bees to it."),
    ("Version 2.3 of the app adds dark mode, fixes a bug that caused crashes when uploading large photos, and "
     "makes search about twice as fast. Users still on version 1.x must update by 30 September to keep "
     "syncing their data.",
     "Version 2.3 brings dark mode, a fix for crashes on large photo uploads and faster search, and anyone "
     "on 1.x must update by 30 September to keep syncing."),
    ("In today's meeting we agreed to delay the product launch from May to July. The main reason is that user "
     "testing found the sign-up process confusing. Priya's team will redesign it over the next four weeks, and "
     "marketing will move the campaign dates to match.",
     "The launch moves from May to July so Priya's team can redesign the confusing sign-up process, and "
     "marketing will shift its campaign to match."),
    ("Regular walking has many benefits. Studies link it to better heart health, improved mood and better "
     "sleep. It needs no equipment, and even short walks of ten minutes add up over the course of a day.",
     "Walking is an easy, equipment-free habit linked to better heart health, mood and sleep, and even "
     "short walks add up."),
    ("Mara found an old key in her grandmother's garden. After weeks of trying it in every lock in the house, "
     "she noticed a small door behind the bookshelf in the attic. The key fitted, and behind the door was a "
     "box of letters her grandmother had written but never sent.",
     "After weeks of searching, Mara found that a key from her grandmother's garden opened a hidden attic "
     "door, behind which lay a box of unsent letters."),
    ("Starting next term, students may use laptops in lectures only for taking notes. Phones must be on "
     "silent. Lecturers can ask a student to put a device away if it distracts others. The rule was "
     "introduced after complaints about noise and distraction.",
     "After complaints about distraction, laptops will be allowed in lectures only for notes from next term, "
     "phones must be silent, and lecturers may ask students to put devices away."),
    ("This soup takes 30 minutes and uses only pantry staples: canned tomatoes, an onion, garlic, stock and a "
     "little cream. It freezes well, so you can make a double batch and keep half for busy weeks.",
     "This quick tomato soup uses pantry staples and freezes well, so it's ideal to batch-cook for busy weeks."),
    ("Because of track repairs, trains between Northfield and Easton will not run on the weekend of 14–15 "
     "June. Replacement buses will run every 30 minutes and add about 40 minutes to the journey. Existing "
     "tickets are valid on the buses.",
     "On the weekend of 14–15 June, buses replace Northfield–Easton trains during track repairs, adding "
     "about 40 minutes to the trip, and existing tickets are accepted."),
]

WRITING = [
    ("Write a polite reply declining a friend's invitation to a party on Saturday.", """
        Hi Jess, thank you so much for the invitation! I'm sorry, but I already have plans on Saturday, so I won't be able to make it. I hope you all have a wonderful time, and let's get together soon. I'd love to hear how it went.
        """),
    ("Write a polite reply to a customer who complained that their order arrived late.", """
        Dear Mr Alvarez,

        Thank you for letting us know, and I'm sorry your order arrived later than promised. That isn't the experience we want you to have. I've refunded your delivery charge, which should appear on your statement within 5 working days. If anything in the order is damaged or missing, just reply to this email and we'll put it right straight away.

        Kind regards,
        Dana, Customer Support
        """),
    ("Write a short, polite message asking my neighbour to keep the noise down at night.", """
        Hi! I'm your neighbour from 4B. I hope you don't mind me mentioning it, but sound carries quite a bit between our flats, and the music late in the evening has been keeping me up on work nights. Would you mind turning it down after about 10 p.m.? Thanks so much, and do let me know if anything from my side ever bothers you.
        """),
    ("Write a polite email asking to reschedule a meeting.", """
        Subject: Rescheduling Thursday's meeting

        Hi Tom,

        I'm sorry, but something urgent has come up and I can't make our meeting on Thursday at 2 p.m. Would Friday morning or early next week work for you? I'm free on Friday between 9 and 11 a.m., or on Monday afternoon. Apologies for the change, and thanks for being flexible.

        Best,
        Priya
        """),
    ("Write a message thanking a colleague for helping me with a report.", """
        Hi Sam, thank you so much for your help with the quarterly report. Your suggestions on the charts made the findings much clearer, and our manager mentioned how easy it was to follow. I really appreciate you making time for it in a busy week. Let me know if I can return the favour! Best, Lee
        """),
    ("Write a polite message declining a job offer.", """
        Dear Ms Okafor,

        Thank you very much for offering me the role of Marketing Coordinator, and for the time you and the team spent with me. After careful thought, I've decided to accept another position that is a closer fit for my current goals. It was a difficult decision, as I was impressed by the team. I hope our paths cross again.

        Kind regards,
        Alex Chen
        """),
    ("Write a short email accepting a job offer.", """
        Dear Mr Banks,

        Thank you for offering me the Junior Developer position. I'm delighted to accept. As we discussed, I can start on 2 September, and I've signed and attached the contract. Please let me know if you need anything else from me before then. I'm looking forward to joining the team.

        Best regards,
        Sam Patel
        """),
    ("Write a polite reminder to a client whose invoice is overdue.", """
        Subject: Friendly reminder – invoice #1042

        Dear Ms Reid,

        I hope you're well. This is a quick reminder that invoice #1042 for £850, due on 15 March, is still outstanding. I've attached a copy for convenience. If you've already sent the payment, please ignore this message; otherwise, could you let me know when we can expect it?

        Many thanks,
        Jordan
        """),
    ("Write a polite reply to a review that says our café's coffee was served too cold.", """
        Thank you for taking the time to leave a review, and I'm sorry your coffee wasn't hot enough. That's not the standard we aim for, and we've reminded the team to check drink temperatures before serving. We'd love the chance to do better, so please mention this review on your next visit and your coffee is on us.
        """),
    ("Write a short product description for a stainless steel water bottle.", """
        Stay hydrated wherever the day takes you with this 750 ml stainless steel bottle. Double-wall insulation keeps drinks cold for up to 24 hours or hot for up to 12, and the leak-proof lid means it can ride safely in your bag. The powder-coated finish won't sweat or slip, and it fits most car cup holders. One bottle, far fewer plastic ones.
        """),
    ("Write a product description for a desk lamp with adjustable brightness.", """
        Light your work exactly the way you like it. This slim LED desk lamp has five brightness levels and three colour temperatures, from warm evening light to crisp daylight for detailed tasks. The adjustable arm and rotating head put light where you need it, and a USB port in the base charges your phone while you work. Flicker-free, touch-controlled and small enough for a tidy desk.
        """),
    ("Write a product description for a 30-litre hiking backpack.", """
        Built for full days on the trail, this 30-litre backpack carries everything you need without weighing you down. A ventilated back panel keeps you cooler on climbs, padded hip and chest straps spread the load, and side pockets hold two water bottles within easy reach. Water-resistant fabric and a built-in rain cover handle changing weather, and a hydration sleeve lets you drink on the move.
        """),
    ("Write a short description for a dotted-page notebook.", """
        An A5 notebook with 160 pages of dotted paper: the structure of a grid without the clutter. Use it for journaling, planning, sketching or lists. Thick 100 gsm paper keeps ink from bleeding through, the lay-flat binding makes writing comfortable, and numbered pages with an index help you find things again. Finished with a ribbon marker and a back pocket for loose notes.
        """),
    ("Write a product description for a handmade ceramic mug.", """
        A 350 ml hand-glazed ceramic mug made for slow mornings. Each one has a slightly different speckled finish, so yours is one of a kind. The wide handle sits comfortably in your hand, and the thick walls keep your tea or coffee warm a little longer. Dishwasher and microwave safe.
        """),
    ("Write a product description for a plant pot with a saucer.", """
        Give your houseplants a home that keeps them healthy. This 15 cm pot has a drainage hole to prevent soggy roots, and a matching saucer catches excess water to protect your shelves. The matte terracotta-look finish suits any room, and it's light enough to move easily when your plant wants more sun.
        """),
    ("Write a product description for a silent wireless mouse.", """
        A quiet, comfortable wireless mouse for everyday work. Silent-click buttons won't disturb anyone nearby, the contoured shape supports your hand through long days, and a single AA battery lasts for months. Plug in the tiny USB receiver and it works straight away, with no software to install.
        """),
    ("Write a product description for a scented candle.", """
        A hand-poured soy wax candle with notes of cedar, orange peel and a hint of vanilla. It fills a room with a warm, clean scent and burns for around 40 hours. The cotton wick burns evenly, and once the candle is finished, the amber glass jar makes a lovely pencil holder or small planter.
        """),
    ("Rewrite this more formally: hey, can u send me the report by tmrw? thx", """
        Hello, could you please send me the report by tomorrow? Thank you.
        """),
    ("Make this sentence shorter: In light of the fact that the weather was bad, we made the decision to postpone the event until a later date.", """
        Because of the bad weather, we postponed the event.
        """),
    ("Write a slogan for a neighbourhood bakery.", """
        A few options:
        1. Fresh from our oven to your morning.
        2. Baked at dawn, gone by noon.
        3. Your neighbourhood's daily bread.
        4. Small batches, big smiles.
        5. Good things rise here.
        """),
    ("Write a short birthday message for a coworker.", """
        Happy birthday, Chris! Thanks for all the help, good humour and emergency snacks this year. I hope you get a proper break today and that the year ahead brings plenty to celebrate. Enjoy the cake!
        """),
    ("Write a two-sentence scary story.", """
        For a week, the new smart speaker answered every question perfectly. Tonight, before I had said a word, it quietly asked, "Who is that standing behind you?"
        """),
    ("Write a thank-you note to my child's teacher at the end of the school year.", """
        Dear Ms Rivera,

        Thank you for such a wonderful year. Leo has come home excited about what he learned almost every day, especially the science projects, and his confidence in reading has grown enormously. We know how much care and energy you put into your class, and we're truly grateful. Wishing you a restful summer.

        Warm regards,
        The Martin family
        """),
    ("Suggest five titles for a blog post about saving money on groceries.", """
        1. Simple Habits That Cut My Grocery Bill
        2. Eat Well for Less: A Beginner's Guide to Grocery Budgeting
        3. The Shopping List Method That Saves Me Money Every Week
        4. Stop Wasting Food (and Money): Smarter Grocery Shopping
        5. How to Plan a Week of Meals on a Tight Budget
        """),
    ("Write a short social media post announcing our community clean-up on Saturday.", """
        Join us this Saturday at 10 a.m. for our neighbourhood clean-up! 🌱 Meet at Riverside Park by the playground. Gloves and bags are provided; just bring yourself and a water bottle. Let's make our streets shine together! #CommunityCleanUp
        """),
    ("Write an out-of-office email reply.", """
        Thank you for your email. I'm out of the office from 12 to 16 August with limited access to email, and I'll reply when I'm back on 19 August. For anything urgent, please contact Jamie Lee at jamie.lee@example.com.

        Best regards,
        Sam
        """),
    ("Write a short toast for my sister's wedding.", """
        Good evening, everyone. For those who don't know me, I'm Anna, the bride's sister. Growing up, Kate was the one who shared her last biscuit, fixed my bike and told me the truth even when I didn't want to hear it. So when she told me she'd found someone who makes her laugh every single day, I believed her. And Tom, having seen you two together, I know she was right. Please raise your glasses: to Kate and Tom, and a lifetime of laughter.
        """),
    ("Write an apology message to a friend for missing their birthday dinner.", """
        Hi Maya, I'm so sorry I missed your birthday dinner last night. Work ran late and I should have let you know much earlier instead of going quiet. I hate that I wasn't there to celebrate you. Can I take you out for lunch this week to make up for it? My treat, and you choose the place. Happy belated birthday!
        """),
]

WRITING_MULTI_TURN = [
    [("Write a product description for noise-cancelling headphones.", """
        Shut out the noise and sink into your music. These over-ear headphones combine active noise cancelling with soft memory-foam cushions for hours of comfortable listening. A single charge lasts up to 30 hours, a quick 10-minute charge adds several more, and the built-in microphones keep your calls clear. They fold flat into the included case, ready for your next trip.
        """),
     ("Make it one sentence.", """
        Comfortable over-ear headphones with active noise cancelling, up to 30 hours of battery life and clear calls, folding flat into a travel case.
        """)],
    [("Write a haiku about the sea.", "Grey waves break and pull\nthe shore gives back what they bring\nshells, glass, and white foam"),
     ("Now write one about a forest.", "Tall pines hold the light\nmoss softens each quiet step\nbirdsong in the green")],
]
