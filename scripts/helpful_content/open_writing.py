"""Hand-written `writing` items: (prompt, good answer, plausible but wrong answer).

A prompt is a string, or a list of turns (user, assistant, user) for a multi-turn item. Wrong
answers look like a real attempt but break the request: a haiku with the wrong syllable count,
an email with the wrong day, a grammar fix that leaves the error in, an acrostic on the wrong word.
"""

WRITING = [
    ("Write a haiku about a bicycle.", """
        Two wheels hum softly
        down the empty morning lane,
        wind inside my coat.
        """, """
        My bike is so fast,
        it goes down every hill quick,
        I like to ride it a lot.
        """),
    ("Write a two-line rhyming poem about Monday mornings.", """
        The alarm rings out, the kettle sighs,
        and Monday opens sleepy eyes.
        """, """
        Monday morning comes again,
        I drink my coffee by the door.
        """),
    ("Write a short email inviting my team to lunch on Friday.", """
        Subject: Team lunch this Friday

        Hi all,

        To celebrate a busy month, let's have lunch together this Friday at 12:30. I'll book a table nearby, so please
        reply by Wednesday to say whether you can come and mention any dietary needs.

        Looking forward to it!
        """, """
        Subject: Team lunch next Tuesday

        Hi all,

        Let's have lunch together next Tuesday. Details to follow.
        """),
    ("Write a one-sentence tagline for a dog-walking service.", """
        Happy tails, tired paws: we walk your dog while you get on with your day.
        """, """
        We walk cats, rabbits and other pets, rain or shine, every day of the week, for owners everywhere.
        Fast, friendly and reliable.
        """),
    ("Write a short thank-you note to a neighbour who watered my plants while I was away.", """
        Dear Sam,

        Thank you so much for looking after my plants while I was away. They're all thriving, and it was lovely to come
        home to a green flat instead of a dry one. Please let me know if I can ever return the favour.

        Best wishes,
        Alex
        """, """
        Dear Sam,

        I hope you're well. I'm writing to let you know that I will be away next week, and I wondered whether you could
        water my plants while I'm gone.

        Best wishes,
        Alex
        """),
    ("Suggest three names for a pet goldfish.", """
        1. Bubbles: classic and cheerful.
        2. Goldie: a nod to its colour.
        3. Captain Fin: for a fish with a bit of attitude.
        """, """
        1. Rex
        2. Whiskers: perfect for a playful kitten.
        """),
    ("Write a limerick about a forgetful cat.", """
        A tabby who lived in the hall
        could never remember at all
        where she'd put down her mouse,
        so she searched the whole house,
        then found it asleep by the wall.
        """, """
        There once was a cat who forgot
        where she had left her ball,
        she looked in the shed,
        then went to her bed,
        and dreamed about fish in a pond.
        """),
    ("Rewrite this sentence in the passive voice: \"The committee approved the new budget.\"", """
        The new budget was approved by the committee.
        """, """
        The committee has approved the new budget.
        """),
    ("Write a friendly reminder about our book club meeting on Thursday at 7 pm.", """
        Hi everyone! Just a reminder that book club meets this Thursday at 7 pm. Bring your copy, your thoughts and
        any snacks you'd like to share. See you there!
        """, """
        Hi everyone! Just a reminder that book club meets this Tuesday at 8 pm. Don't forget to bring your copy.
        See you there!
        """),
    ("Write an opening line for a mystery story.", """
        The lighthouse keeper swore the lamp had been lit all night, yet the ship had run aground in total darkness.
        """, """
        Once upon a time there was a happy family who lived in a nice house and nothing unusual ever happened to them.
        """),
    ("Write a short bio for a freelance graphic designer named Priya.", """
        Priya is a freelance graphic designer who helps small businesses look as good as they are. She creates logos,
        packaging and social media graphics with a clean, friendly style. When she isn't designing, she's sketching in
        cafés or hunting for vintage posters.
        """, """
        Priya is a freelance web developer who builds databases and back-end systems for large banks. She specialises
        in Java and server security.
        """),
    ("Turn these notes into one clear sentence: meeting moved, Tuesday, 3 pm, room 4.", """
        The meeting has been moved to Tuesday at 3 pm in room 4.
        """, """
        The meeting has been moved to Thursday at 4 pm in room 3.
        """),
    ("Write a four-line poem about rain.", """
        Rain taps softly on the glass,
        silver threads across the grass,
        puddles gather, rivers run,
        waiting for the sleepy sun.
        """, """
        Rain falls on the street.
        """),
    ("Write a short apology email for sending the wrong attachment.", """
        Subject: Correct attachment

        Hi Jordan,

        Apologies: I attached the wrong file to my last email. Please find the correct report attached to this one,
        and feel free to delete the earlier version.

        Thanks,
        Maria
        """, """
        Subject: Correct attachment

        Hi Jordan,

        As requested, please find the report attached. Let me know if you have any questions.

        Thanks,
        Maria
        """),
    ("Write a product description for a reusable shopping bag.", """
        Meet the bag that replaces a drawer full of plastic ones. Made from tough recycled polyester, it holds up to 15 kg,
        folds into its own pocket and fits in any coat or handbag. Machine washable and built to last for years of weekly shops.
        """, """
        This single-use plastic bag is perfect for one trip to the shops. Thin, light and disposable, simply throw it away
        after use.
        """),
    ("Fix the grammar in this sentence: \"Me and him goes to the shop yesterday.\"", """
        He and I went to the shop yesterday.
        """, """
        Me and him went to the shop yesterday.
        """),
    ("Write an opening for a speech at a school science fair.", """
        Good evening, everyone, and welcome to this year's science fair! Tonight our students will show you volcanoes,
        robots, plant experiments and more, all built from their own questions. Please explore, ask questions and let
        them tell you what they discovered.
        """, """
        Good evening, everyone. Tonight's concert features our school choir and orchestra. Please turn off your phones
        and enjoy the music.
        """),
    ("Summarise in one sentence: \"The new bus timetable starts on 1 March. Buses will run every 10 minutes at peak times instead of every 15, and the last bus will leave the centre at midnight rather than 11 pm.\"", """
        From 1 March, buses will run every 10 minutes at peak times and the last bus will leave the centre at midnight.
        """, """
        From 1 March, buses will run every 15 minutes and the last bus will leave the centre at 11 pm.
        """),
    ("Write an encouraging message for a friend running their first marathon.", """
        Good luck tomorrow! You've put in months of early mornings and long runs, and you're ready. Start slow, enjoy the
        crowds, and remember: every step after the halfway mark is a step closer to the finish. I'm so proud of you!
        """, """
        Good luck with your exam tomorrow! You've studied hard and I'm sure you'll do well. Remember to read every question carefully.
        """),
    ("Write a short message asking my landlord to fix a leaking kitchen tap.", """
        Hi Mr Patel, the kitchen tap in flat 2 has started leaking steadily, even when fully turned off. Could you arrange
        for someone to look at it this week? I'm home most evenings, or can leave a key. Thanks very much.
        """, """
        Hi Mr Patel, I wanted to let you know the rent for this month has been paid. Thanks very much.
        """),
    ("Give me three interview questions for a barista job.", """
        1. How would you handle a long queue when the coffee machine is running slowly?
        2. Tell me about a time you dealt with an unhappy customer.
        3. What makes a great cup of coffee, in your opinion?
        """, """
        1. What programming languages do you know?
        2. How would you manage a team of twenty engineers?
        3. Where do you see the company's share price in five years?
        """),
    ("Write an acrostic poem for the word SUN.", """
        Shining over sleepy fields,
        Up before the birds have stirred,
        Now the whole world wakes and yields.
        """, """
        Shining over sleepy fields,
        Only warmth the morning brings,
        Now the whole world wakes and sings.
        """),
    ("Make this sentence more concise: \"At this point in time, we are currently in the process of reviewing your application.\"", """
        We are reviewing your application.
        """, """
        At this moment in time, we are presently in the ongoing process of carefully reviewing your application.
        """),
    ("Write a friendly welcome message for new members of a hiking club.", """
        Welcome to the club! We're glad you're here. We walk most Saturdays, from gentle riverside loops to full-day hill
        routes, so there's something for every pace. Check the calendar, bring water and good boots, and come say hello
        at the next meet-up.
        """, """
        Welcome to the club. Members must pay the annual fee by the end of the month. Late payments will not be accepted.
        """),
    ("Write a short caption for a photo of a sunset at the beach.", """
        Golden hour, salty air and nowhere else to be.
        """, """
        Fresh snow on the mountains this morning.
        """),
    (["Write a haiku about a bicycle.",
      "Two wheels hum softly\ndown the empty morning lane,\nwind inside my coat.",
      "Now one about a train."], """
        Iron rails at dawn,
        the carriage sways through the fog,
        towns flicker and pass.
        """, """
        The train goes quickly,
        past the fields and past the town,
        I sit and look out the window.
        """),
    (["Write a short email inviting my team to lunch on Friday.",
      "Subject: Team lunch this Friday\n\nHi all,\n\nLet's have lunch together this Friday at 12:30. Please reply by Wednesday.\n\nThanks!",
      "Can you make it more casual?"], """
        Subject: Lunch on Friday?

        Hey everyone,

        Fancy lunch together on Friday at 12:30? My treat for the coffee afterwards. Just give me a shout by Wednesday
        so I can book a table.
        """, """
        Subject: Formal invitation: team luncheon

        Dear colleagues,

        You are cordially invited to attend a luncheon on Friday at 12:30. Kindly confirm your attendance by Wednesday.

        Yours faithfully
        """),
]
