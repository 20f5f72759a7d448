"""More writing content for scripts/make_sft_starter.py: haiku, summaries, messages, product copy,
rewrites and short creative pieces.

Every haiku is 5-7-5 (syllables counted by hand); every paragraph to summarise, person, business and
product is invented for this dataset. Answers pass through `inspect.cleandoc`.
"""

# (subject, haiku), used with the HAIKU_PROMPTS templates in writing.py.
HAIKUS_MORE = [
    ("a vegetable garden", "Bees drift through the beans\ntomatoes blush on the vine\nearth warm in the sun"),
    ("a winter morning", "Frost on the window\nmy breath hangs in the cold air\nthe kettle whistles"),
    ("a thunderstorm", "Thunder rolls closer\nthe sky splits with silver light\nthen the rain arrives"),
    ("a lighthouse", "White tower at dusk\nits slow beam sweeps the dark waves\nships find their way home"),
    ("a summer evening", "Long light on the grass\nchildren call across the street\ncrickets start to sing"),
    ("an old dog", "Grey muzzle, soft eyes\nhe follows me room to room\ntail thumping the floor"),
    ("the desert", "Sand ripples for miles\na lizard rests in the shade\nthe sun owns the sky"),
    ("a river", "The river runs on\nsmoothing stones it will not keep\nalways leaving here"),
    ("a bicycle ride", "Wheels hum down the lane\nwind and hedgerows rushing past\nI coast, legs at rest"),
    ("homework", "Pencil taps the page\nnumbers stare back, unsolved still\none more try, then tea"),
    ("a sunrise", "Gold spills on the hills\nthe birds begin their chorus\nnight folds itself up"),
]

# (paragraph, one-sentence summary), used with the SUMMARY_PROMPTS templates in writing.py.
SUMMARIES_MORE = [
    ("The swimming pool on Mill Road will close for three weeks from 1 August while the changing rooms "
     "are refurbished. Members can use the Westgate pool at no extra cost during the closure, and "
     "swimming lessons will continue there at the usual times.",
     "The Mill Road pool closes for three weeks from 1 August for refurbishment, but members can swim and "
     "take lessons at the Westgate pool meanwhile at no extra cost."),
    ("Sea otters often float on their backs while eating, using their chests as a table. They are one "
     "of the few animals known to use tools: they crack open shellfish by hitting them against a stone. "
     "Some even keep a favourite stone in a pouch of loose skin under their arm.",
     "Sea otters eat while floating on their backs and use stones as tools to crack shellfish, sometimes "
     "keeping a favourite stone under their arm."),
    ("Our customer survey had 1,200 responses. Most people were happy with delivery times, but many "
     "found the returns process confusing, and several asked for a live chat option. The team will "
     "simplify the returns page this month and trial live chat in the autumn.",
     "The survey showed customers like our delivery times but find returns confusing, so we'll simplify "
     "the returns page this month and trial live chat in the autumn."),
    ("Leo had practised the piano piece for weeks, but at the concert his hands shook and he missed the "
     "first chord. He paused, took a breath and started again. This time he played it through without "
     "a mistake, and the audience gave him the loudest applause of the night.",
     "After a shaky start at the concert, Leo calmly restarted his piano piece and played it perfectly, "
     "earning the night's loudest applause."),
    ("From next Monday, the 7:15 bus to the city centre will leave at 7:05 instead. The change lets "
     "it connect with the 7:40 train. All other morning buses keep their current times.",
     "From next Monday the 7:15 city-centre bus will leave at 7:05 to connect with the 7:40 train, and "
     "other morning buses are unchanged."),
    ("Getting enough sleep helps memory, mood and concentration. Most adults need seven to nine hours a "
     "night. Keeping a regular bedtime, avoiding screens in the last hour before bed, and keeping the "
     "bedroom cool and dark can all improve sleep.",
     "Adults need seven to nine hours of sleep for memory, mood and focus, and a regular bedtime, no "
     "late screens and a cool, dark room all help."),
    ("The school's science fair will take place in the main hall on 14 March. Students in years 7 to 9 "
     "can enter alone or in pairs, and projects must be registered with Ms Osei by 28 February. Prizes "
     "will be awarded for the best experiment, the best poster and the most creative idea.",
     "Years 7–9 can enter the 14 March science fair alone or in pairs by registering with Ms Osei by "
     "28 February, with prizes for the best experiment, poster and idea."),
    ("The café will start offering a discount of 20 pence to customers who bring their own cup. We hope "
     "this cuts the number of disposable cups we use each week, which is currently around 900. Reusable "
     "cups will also be on sale at the counter.",
     "To cut its use of about 900 disposable cups a week, the café will give a 20p discount to customers "
     "who bring their own cup and sell reusable ones."),
    ("Version 4.0 of the note-taking app adds offline mode, so notes can be edited without an internet "
     "connection and sync later. It also adds tags and a faster search. Support for the oldest phone "
     "models has been dropped.",
     "Version 4.0 adds offline editing with later sync, tags and faster search, but no longer supports "
     "the oldest phones."),
    ("When Nadia moved to a new town, she didn't know anyone. She joined a Tuesday running club on a "
     "whim. A year later, she had run her first marathon, and two of the club members had become her "
     "closest friends.",
     "Joining a running club after moving to a new town led Nadia to her first marathon and two close "
     "friends within a year."),
]

WRITING_MORE = [
    ("Write a short email introducing myself to my new team.", """
        Subject: Hello from your new teammate

        Hi everyone,

        I'm Sam, and I've just joined as a data analyst. Before this I spent three years working on reporting for a retail company. I'm looking forward to getting to know you all and learning how things work here, so please say hello or grab me for a coffee. My door (and inbox) is always open.

        Best wishes,
        Sam
        """),
    ("Write a message asking my landlord to fix a leaking tap.", """
        Hi Mr Patel,

        I wanted to let you know that the kitchen tap in flat 2 has started leaking; it drips constantly even when fully turned off. Could you arrange for someone to repair it? I'm available most weekday evenings and on Saturday mornings, and I'm happy to give access whenever suits the plumber.

        Thanks very much,
        Alex
        """),
    ("Write a polite note asking colleagues to stop taking my lunch from the office fridge.", """
        Hi all, a small request: a couple of times this week my lunch has gone missing from the fridge. It might just be a mix-up, so I've started labelling my food with my name. Could everyone double-check the label before taking something? Thanks so much!
        """),
    ("Write a short message congratulating a friend on her new baby.", """
        Congratulations, Maya! I'm so happy for you both, and welcome to the world, little Rosa. I hope you're all resting and soaking up these first days together. Let me know when you're up for visitors, and if you need anything, even just a meal dropped at the door, I'm here.
        """),
    ("Write a condolence message to a coworker whose father has died.", """
        Dear Chris, I was so sorry to hear about your father. Please accept my heartfelt condolences to you and your family. Take all the time you need, and don't worry about work; we'll cover things here. If there's anything I can do, please let me know.
        """),
    ("Write an email asking my manager for a day off next Friday.", """
        Subject: Day off request, Friday 12th

        Hi Laura,

        Could I take next Friday, the 12th, as a day of annual leave? I've checked the team calendar and there are no deadlines that day, and I'll make sure my tasks are up to date before I go. Jordan has kindly agreed to cover anything urgent.

        Thanks,
        Ravi
        """),
    ("Write a short thank-you to my neighbour for looking after my cat.", """
        Thank you so much for looking after Biscuit while I was away! It was such a relief to know she was in good hands, and she clearly enjoyed the company. I've left a little something on your doorstep as thanks, and I'm always happy to return the favour.
        """),
    ("Write a polite email chasing a supplier about a late delivery.", """
        Subject: Order 4471, delivery update

        Hello,

        Our order 4471 was due to arrive on Monday, but we haven't received it yet. Could you let us know its status and a new expected delivery date? We need the materials for a project starting next week, so an update by Thursday would be a great help.

        Many thanks,
        Helen Marsh, Purchasing
        """),
    ("Write a short LinkedIn post announcing my new job.", """
        Some personal news: I'm excited to share that I've started a new role as Marketing Coordinator at Greenleaf Foods! I'm grateful to everyone at my previous team for three great years and everything they taught me. Looking forward to this next chapter and to connecting with new colleagues.
        """),
    ("Write a message to a group chat suggesting a picnic on Sunday.", """
        Hi all! The forecast for Sunday looks sunny, so how about a picnic in Riverside Park around 1 p.m.? Everyone could bring a dish or some drinks to share, and I'll bring a blanket and a frisbee. Reply here if you're in!
        """),
    ("Write a polite complaint to a hotel about a noisy room.", """
        Dear Manager,

        I stayed in room 312 from 3 to 5 May. Unfortunately, the room was next to the lift and the ice machine, and the noise kept me awake both nights. When I asked at reception, no other room was available. I'd appreciate it if you could consider a partial refund or a discount on a future stay.

        Kind regards,
        Emma Clarke
        """),
    ("Write a short welcome message for new members of our book club.", """
        Welcome to the Thursday Book Club! We meet on the first Thursday of each month at 7 p.m. in the library's reading room. This month we're reading *The Lantern Keeper*, but don't worry if you haven't finished it; all opinions are welcome. Tea, biscuits and friendly discussion guaranteed.
        """),
    ("Write a short recommendation for a former intern.", """
        I'm pleased to recommend Daniel Okafor, who interned on our marketing team for six months. Daniel was reliable, quick to learn and creative: he redesigned our newsletter, which increased its open rate by 15%. He worked well with everyone and took feedback gracefully. I'm confident he'd be an asset to any team.
        """),
    ("Write a product description for a bamboo cutting board.", """
        Made from fast-growing bamboo, this sturdy cutting board is gentle on your knives and tough enough for everyday chopping. A deep juice groove keeps counters clean, and the built-in handle makes it easy to carry to the table as a serving board. Hand-wash and oil occasionally to keep it looking its best.
        """),
    ("Write a product description for a foldable yoga mat.", """
        Practise anywhere with this lightweight yoga mat that folds down to the size of a book. The non-slip surface grips in every pose, and the 4 mm cushioning protects your knees and wrists. It slips into a backpack or suitcase, so your practice can travel with you.
        """),
    ("Write a product description for a reusable shopping bag.", """
        Strong, washable and ready for the big shop: this reusable bag holds up to 15 kg and folds into its own pocket when you're done. Long handles fit comfortably over your shoulder, and the water-resistant fabric shrugs off spills. Keep one in your bag and never buy another plastic one again.
        """),
    ("Write a product description for a children's rain jacket.", """
        Puddles, meet your match. This waterproof jacket keeps little explorers dry with taped seams, a snug hood and elastic cuffs. Reflective strips help them be seen on gloomy days, and the bright colours make them easy to spot in the park. It folds into its own pocket for the school bag.
        """),
    ("Write a product description for an insulated lunch box.", """
        Keep lunch just how you like it. This insulated lunch box keeps food cool for up to six hours, with a wipe-clean lining and room for two containers and a drink. A front pocket holds cutlery and snacks, and the padded handle and shoulder strap make it easy to carry to work or school.
        """),
    ("Write a slogan for a bike repair shop.", """
        "Back on the road, better than before."

        A few alternatives: "We fix it, you ride it." / "Every bike deserves a second wind." / "Fast fixes, happy wheels."
        """),
    ("Suggest three names for a dog-walking business.", """
        1. **Happy Tails Walking Co.**: friendly and clear about what you do.
        2. **The Daily Wag**: short, catchy and easy to remember.
        3. **Paws & Pavements**: a little playful, and it suggests neighbourhood walks.
        """),
    ("Write a tagline for a library's summer reading challenge.", """
        "Six books, one summer, endless adventures."

        Or: "Read your way through the summer." / "Your next adventure is on the shelf."
        """),
    ("Make this more polite: \"Send me the files now.\"", """
        "Could you please send me the files when you have a moment? I need them to finish the report today, so sooner would be a great help. Thank you!"
        """),
    ("Rewrite this in plain English: \"Pursuant to our previous correspondence, we hereby acknowledge receipt of your payment.\"", """
        "As mentioned in our last email, we've received your payment. Thank you."
        """),
    ("Fix the grammar: \"Me and him goes to the shop yesterday.\"", """
        "He and I went to the shop yesterday."

        Use "He and I" because they're the subject of the sentence, and "went" because it's the past tense.
        """),
    ("Make this sound friendlier: \"Your request has been received. Wait for a reply.\"", """
        "Thanks for getting in touch! We've got your request, and one of our team will get back to you soon."
        """),
    ("Turn this into a bullet list: \"We need eggs, milk, bread and two onions, and don't forget the coffee.\"", """
        - eggs
        - milk
        - bread
        - two onions
        - coffee
        """),
    ("Rewrite this sentence in the passive voice: \"The committee approved the new budget.\"", """
        "The new budget was approved by the committee."
        """),
    ("Shorten this: \"At this point in time, we are currently in the process of reviewing all of the applications that we have received.\"", """
        "We are reviewing all the applications we received."
        """),
    ("Write a limerick about a cat who loves boxes.", """
        A tabby who loved cardboard cases
        Would squeeze into all the tight places;
        A shoebox, a tin,
        She'd just clamber in,
        With the smuggest of satisfied faces.
        """),
    ("Write a short poem about Monday mornings.", """
        The alarm rings out, too loud, too soon,
        the weekend fading like a tune.
        A mug of coffee, a yawn, a sigh,
        then out the door beneath grey sky.
        But somewhere round the second cup,
        the week begins to look back up.
        """),
    ("Write an opening line for a mystery novel.", """
        "The letter arrived three days after the funeral, in my aunt's handwriting, and it began: 'If you are reading this, they were wrong about how I died.'"
        """),
    ("Write a short bedtime story about a brave little snail.", """
        Sid the snail lived under a big green leaf. One evening, a storm blew his friend Bea the beetle across the garden path. The path was wide, and Sid was very slow, but he set off anyway. Raindrops boomed like drums. A bird hopped by, and Sid tucked into his shell, then kept going. At last he reached Bea and led her home, one slow, brave step at a time. That night they shared the big green leaf, and the storm didn't seem so loud. The end.
        """),
    ("Write a riddle whose answer is a shadow.", """
        I follow you all day but never make a sound.
        I'm longest in the morning and at evening I'm found.
        I vanish in the dark and hide when clouds come by.
        What am I?

        (Answer: a shadow.)
        """),
    ("Write a short encouraging message for a friend starting a new job.", """
        Good luck on your first day! They hired you because they saw what you can do, so walk in with your head high. Ask lots of questions, be kind to yourself while you learn, and remember that everyone was new once. I can't wait to hear all about it. You've got this!
        """),
    ("Write a two-sentence horror story set in a library.", """
        The librarian told me the last reader to borrow that book never returned it. When I opened the cover, the borrowing card was stamped with tomorrow's date, and my name.
        """),
    ("Describe a rainy city street for a story, in a few sentences.", """
        Rain slicked the street into a mirror, doubling every neon sign and headlight. Umbrellas jostled along the pavement, and a delivery cyclist hissed past through the puddles. From a café doorway came the smell of coffee and wet wool, and somewhere above, a gutter overflowed with a steady, patient drumming.
        """),
    ("Write an acrostic poem for the word SUN.", """
        **S**pilling gold across the morning sky,
        **U**nfolding warmth on every field and street,
        **N**ight steps aside as day comes rolling by.
        """),
    ("Write a short speech thanking volunteers at a charity event.", """
        Good evening, everyone. Tonight wouldn't have happened without the people in this room wearing green T-shirts. Our volunteers set up at dawn, carried tables, sold tickets and smiled through it all. Thanks to you, we've raised over £8,000 for the children's hospital. Every hour you gave makes a real difference. Please join me in a big round of applause for our volunteers!
        """),
    ("Give me three ideas for a short story about time travel.", """
        1. A woman can travel back in time, but only by one minute, and she uses it to prevent small disasters until one day she needs more.
        2. A grandfather and his teenage grandson swap ages for a single day and each learns what the other's life is really like.
        3. A time traveller keeps returning to the same café in 1962, trying to say one sentence to a stranger before she leaves.
        """),
    ("Write a short bio for a freelance graphic designer.", """
        I'm Jo Reyes, a freelance graphic designer helping small businesses look as good as they are. For eight years I've created logos, packaging and websites for cafés, shops and start-ups. I love clean, bold design that tells a clear story. Based in Leeds and working with clients everywhere.
        """),
    ("Write a short review of a made-up science-fiction film.", """
        ★★★★☆ *Orbit of Glass* follows a repair crew stranded on a failing space station, and it's the most tense film I've seen this year. The effects are beautiful without showing off, and the lead gives a quietly brilliant performance. The last twenty minutes drag a little, and one twist is easy to guess. Still, well worth seeing on a big screen.
        """),
    ("Write a thank-you message to a bus driver who handed in my lost wallet.", """
        Dear driver of the number 14 bus, thank you so much for handing in my wallet last Tuesday. Everything was still inside, including photos I couldn't have replaced. Your honesty made my week, and I'd be grateful if the bus company could pass on my thanks.
        """),
    ("Write a short reminder to my team about Friday's deadline.", """
        Hi team, a quick reminder that the final project report is due this Friday at 5 p.m. Please upload your sections to the shared folder by Thursday evening so I have time to pull it together. Shout if anything is blocking you. Thanks, everyone!
        """),
    ("Write a two-line rhyme for a birthday card.", """
        Another year of fun and cheer,
        here's to your best and brightest year!
        """),
    ("Write a short apology email for sending the wrong attachment.", """
        Subject: Correct attachment, sorry!

        Hi Jenna,

        Apologies, I attached the wrong file to my last email. Please find the correct version of the Q3 budget attached here, and feel free to delete the earlier one.

        Thanks for your patience,
        Omar
        """),
    ("Write a friendly welcome note for guests at a holiday flat.", """
        Welcome! We're so glad you're here. The Wi-Fi name and password are on the fridge, fresh towels are in the bathroom cupboard, and there's tea, coffee and milk to get you started. Our favourite bakery is two minutes away on the corner. If you need anything at all, just message us. Enjoy your stay!
        """),
]

WRITING_MORE_MULTI_TURN = [
    [("Write a slogan for a vegetable box delivery service.", """
        "Fresh from the field to your front door."
        """),
     ("Make it shorter and catchier.", """
        "Field to door, fresh as ever." Or even shorter: "Freshly picked. Freshly delivered."
        """)],
    [("Write a short message inviting my team to a leaving lunch for Priya on Friday.", """
        Hi all, as you know, Friday is Priya's last day with us. Let's give her a proper send-off with a team lunch at Luigi's at 12:30. Please let me know by Wednesday if you can come, so I can book a table. And if you'd like to sign her card, it's on my desk!
        """),
     ("Can you make it more formal for the wider department?", """
        Dear colleagues,

        Priya Shah will be leaving us this Friday after four years with the department. To thank her for her contribution, we will hold a farewell lunch at Luigi's at 12:30 on Friday. Please confirm your attendance by Wednesday. A card for Priya is available at my desk for anyone who would like to sign it.

        Kind regards,
        Martin
        """)],
]
