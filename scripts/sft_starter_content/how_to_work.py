"""More how_to content for scripts/make_sft_starter.py: devices, office software, work, study and hobbies.

(prompt, answer) pairs and a few two-turn chats; answers pass through `inspect.cleandoc`.
Menu paths name current versions in general terms, since they move between releases.
"""

HOW_TO_WORK = [
    ("How do I connect my printer to Wi-Fi?", """
        1. Put the printer near the router and turn it on.
        2. On the printer's control panel, open the wireless or network settings and run the setup wizard.
        3. Choose your network and enter the Wi-Fi password.
        4. On your computer, add the printer: Settings > Printers on Windows, or System Settings > Printers & Scanners on a Mac.
        If the printer has no screen, use the manufacturer's app or the WPS button on your router.
        """),
    ("How do I free up storage on my phone?", """
        1. Check which apps use the most space in your storage settings.
        2. Delete apps you haven't used in months.
        3. Back up photos and videos to the cloud or a computer, then remove them from the phone.
        4. Clear downloaded files, old podcasts and offline music or maps.
        5. Delete large message attachments and old chat media.
        """),
    ("How do I make my phone battery last longer?", """
        - Lower the screen brightness or use auto-brightness, and turn on dark mode.
        - Shorten the screen timeout.
        - Turn on battery saver when you need it.
        - Check which apps use the most battery and limit their background activity.
        - Turn off Bluetooth, location and Wi-Fi scanning when you don't need them.
        - Avoid leaving the phone in heat, which wears the battery.
        """),
    ("How do I move photos from my phone to my computer?", """
        - With a cable: connect the phone, unlock it and allow access. On Windows, open the Photos app and choose Import; on a Mac, use the Photos app or Image Capture.
        - Without a cable: turn on a cloud photo backup (such as iCloud Photos, Google Photos or OneDrive) and download them on the computer.
        - For a few photos, AirDrop (Apple) or Nearby Share / Quick Share (Android and Windows) is quickest.
        """),
    ("How do I set up a new Wi-Fi router?", """
        1. Connect the router to your modem or wall socket with the supplied cable, and plug it in.
        2. Connect to its default Wi-Fi network using the details on the sticker.
        3. Open the setup app or the address on the sticker in a browser.
        4. Change the admin password and set your own network name and a strong Wi-Fi password.
        5. Choose WPA2 or WPA3 security and install any firmware update.
        """),
    ("How can I improve a weak Wi-Fi signal at home?", """
        - Put the router in a central, raised spot, away from thick walls, microwaves and fish tanks.
        - Restart it and update its firmware.
        - Use the 5 GHz band near the router and 2.4 GHz further away.
        - For a large home, add a mesh system or a powerline adapter.
        - Plug devices that don't move, like a TV or desktop, in with a cable.
        """),
    ("How do I start using a password manager?", """
        1. Pick a reputable password manager and install its app and browser extension.
        2. Create a long, memorable master password, and never reuse it.
        3. Turn on two-factor authentication for the manager itself.
        4. Import saved passwords from your browser, or add them as you log in.
        5. Replace weak or reused passwords, starting with email and banking.
        """),
    ("How do I spot a phishing email?", """
        Warning signs:
        - the sender's address doesn't match the company's real domain;
        - urgent threats or prizes ("your account will be closed today");
        - links whose real address (hover to see it) goes somewhere unexpected;
        - requests for passwords, codes or payment details;
        - generic greetings and odd spelling.

        If unsure, don't click: go to the company's website yourself or call them on a number you trust.
        """),
    ("How do I insert a table in Microsoft Word?", """
        1. Click where you want the table.
        2. Go to the Insert tab and click Table.
        3. Drag across the grid to choose the number of rows and columns, and click.
        4. Type into the cells, pressing Tab to move to the next one; Tab in the last cell adds a row.
        5. Use the Table Design tab to change its style.
        """),
    ("How do I use VLOOKUP in Excel?", """
        The pattern is `=VLOOKUP(value, table, column, FALSE)`. For example, `=VLOOKUP(A2, Prices!A:C, 3, FALSE)` looks for the value in A2 in the first column of A:C on the Prices sheet and returns the matching value from the third column. `FALSE` means exact match. In newer Excel versions, `XLOOKUP` is more flexible and can look left too.
        """),
    ("How do I make a pie chart in Excel?", """
        1. Put your labels in one column and the values in the next.
        2. Select both columns, including the headers.
        3. Go to Insert > Charts and choose Pie.
        4. Click the chart, then use the + button (or Chart Design) to add data labels and a title.
        Pie charts work best with up to about six categories.
        """),
    ("How do I freeze the top row in Excel?", """
        Go to the View tab, click Freeze Panes and choose Freeze Top Row. The header row then stays visible as you scroll. To freeze rows and columns together, click the cell below and to the right of what you want frozen and choose Freeze Panes. Choose Unfreeze Panes to undo it.
        """),
    ("How do I save a Word document as a PDF?", """
        In Word, go to File > Save As (or Save a Copy), choose a folder, and pick PDF from the file type list, then click Save. On a Mac you can also use File > Print and choose Save as PDF. In Google Docs, use File > Download > PDF Document.
        """),
    ("How do I share a Google Doc with someone?", """
        1. Open the document and click Share in the top right.
        2. Type the person's email address.
        3. Choose their access: Viewer, Commenter or Editor.
        4. Add a message if you like and click Send.
        To share with anyone who has the link, change General access to "Anyone with the link".
        """),
    ("How do I record my screen on Windows?", """
        - In Windows 11, open the Snipping Tool, choose the video option, select an area, and click Start.
        - The Xbox Game Bar (Windows key + G) can record a single app window.
        - For longer recordings or webcam overlays, the free program OBS Studio works well.
        Recordings are usually saved in your Videos folder.
        """),
    ("How do I mute a noisy group chat?", """
        Open the chat, tap its name or the menu at the top, and choose Mute (or Notifications > Mute). Most apps let you mute for a few hours, a week or always. You'll still get the messages; you just won't be notified. Mentions can usually be set to notify you anyway.
        """),
    ("How do I write a good CV?", """
        1. Keep it to one or two pages with clear headings.
        2. Start with your name, contact details and a two-line summary.
        3. List experience in reverse order, with achievements rather than duties ("cut processing time by 20%").
        4. Add education and relevant skills.
        5. Tailor it to each job using words from the advert.
        6. Proofread it, and save it as a PDF.
        """),
    ("How do I run a productive meeting?", """
        1. Decide whether you need a meeting at all; an email may do.
        2. Share a short agenda with a clear goal in advance.
        3. Invite only the people who need to be there.
        4. Start on time and keep to the agenda, parking side topics.
        5. End with decisions, owners and deadlines.
        6. Send a brief summary afterwards.
        """),
    ("How do I take meeting minutes?", """
        - Note the date, attendees and agenda at the top.
        - Record decisions and action items, not every word said.
        - For each action, write who owns it and the deadline.
        - Write them up the same day while it's fresh.
        - Keep the tone neutral and send them to everyone who attended.
        """),
    ("How do I cite a website in APA style?", """
        The APA 7 pattern is: Author, A. A. (Year, Month Day). *Title of page*. Site Name. URL

        For example: Smith, J. (2023, May 4). *How bees communicate*. Nature Notes. https://example.com/bees

        If there's no author, start with the page title. If there's no date, write (n.d.). In the text, cite it as (Smith, 2023).
        """),
    ("How do I write a strong essay introduction?", """
        1. Open with a hook: a striking fact, a question or a short example.
        2. Give a little context so the reader understands the topic.
        3. End with a clear thesis: your main argument in one sentence.
        4. Optionally, preview the main points.
        Write the introduction last, once you know what the essay argues.
        """),
    ("How can I read faster?", """
        - Preview first: skim headings, the first sentences of paragraphs and the summary.
        - Read with a purpose, knowing what you're looking for.
        - Stop re-reading lines; use a finger or pen to guide your eyes forward.
        - Read more often; speed comes with practice and vocabulary.
        - Slow down for dense material; understanding matters more than speed.
        """),
    ("How do I back up my phone?", """
        - iPhone: go to Settings > [your name] > iCloud > iCloud Backup and turn it on, or back up to a computer with Finder or iTunes.
        - Android: go to Settings > Google > Backup (the exact path varies by maker) and turn on backup to your Google account.
        Also check that photos sync to a cloud service, since they often take the most space.
        """),
    ("How do I uninstall a program on Windows?", """
        Open Settings > Apps > Installed apps, find the program, click the three dots (or the program name) and choose Uninstall. You can also right-click it in the Start menu and pick Uninstall. Restart the computer if the uninstaller asks you to.
        """),
    ("How do I find a file I saved but can't locate?", """
        - Search by name from the Start menu (Windows) or Spotlight (Cmd + Space on a Mac).
        - Check the app's recent files list, usually under File > Open or File > Recent.
        - Look in Downloads and Documents, the usual default folders.
        - Sort a folder by date modified to find recent files.
        - Search by file type, such as *.docx, if you can't remember the name.
        """),
    ("How do I write a good LinkedIn summary?", """
        1. Open with who you are and what you do, in plain words.
        2. Add two or three achievements with numbers.
        3. Mention the skills and topics you want to be found for.
        4. Say what you're looking for or interested in.
        5. Write in the first person and keep it to a few short paragraphs.
        """),
    ("How do I plan a small birthday party?", """
        1. Set the date, budget and guest list.
        2. Choose a place: home, a park or a booked room.
        3. Send invitations about two weeks ahead and ask people to reply.
        4. Plan simple food, drinks and a cake, and check for allergies.
        5. Add one activity or playlist.
        6. Prepare what you can the day before.
        """),
    ("How do I learn to juggle three balls?", """
        1. Start with one ball: throw it in an arc from hand to hand, peaking just above eye level.
        2. With two balls, throw the first; when it peaks, throw the second. Catch both.
        3. With three, start with two in your stronger hand. Throw one; when it peaks, throw from the other hand; when that peaks, throw the third.
        4. Keep throwing each time a ball peaks.
        Practise over a bed so dropped balls don't roll away.
        """),
    ("How do I start meditating?", """
        1. Sit comfortably somewhere quiet and set a timer for 5 minutes.
        2. Close your eyes and notice your breath going in and out.
        3. When your mind wanders, and it will, gently bring it back to the breath.
        4. Do it at the same time each day.
        5. Gradually increase to 10–20 minutes.
        A guided meditation app can help at first.
        """),
    ("How do I tie a tie?", """
        A simple four-in-hand knot:
        1. Put the tie around your neck with the wide end on your right, hanging about 30 cm lower than the narrow end.
        2. Cross the wide end over the narrow end.
        3. Bring it underneath and across the front again.
        4. Pass it up through the loop at your neck.
        5. Push it down through the front of the knot and tighten by sliding the knot up.
        """),
    ("How do I clean white trainers?", """
        1. Remove the laces and insoles and brush off loose dirt.
        2. Mix warm water with a little washing-up liquid.
        3. Scrub the uppers and soles with an old toothbrush.
        4. For stubborn marks on rubber soles, use a paste of baking soda and water.
        5. Wash the laces separately and let everything air-dry away from direct heat, stuffed with paper to keep the shape.
        """),
    ("How do I wrap a present neatly?", """
        1. Cut paper so it wraps around the box with a few centimetres of overlap, and reaches just over halfway up each end.
        2. Tape one edge to the box, wrap it around, fold the other edge under for a clean line, and tape it.
        3. At each end, fold the sides in, crease the top and bottom flaps into triangles, and fold them up.
        4. Use double-sided tape for an invisible finish, then add ribbon.
        """),
    ("How do I make a paper aeroplane that flies well?", """
        1. Fold an A4 sheet in half lengthways, crease it, and unfold.
        2. Fold the top two corners into the centre line.
        3. Fold the new slanted edges into the centre line again.
        4. Fold the plane in half along the centre crease.
        5. Fold each wing down so its edge lines up with the bottom of the body.
        Throw it gently and level; bend the back edges of the wings slightly up if it dives.
        """),
    ("How do I plant bulbs for spring flowers?", """
        1. Plant in autumn, before the ground freezes: daffodils in early autumn, tulips later.
        2. Choose a sunny spot with soil that drains well.
        3. Dig holes about two to three times as deep as the bulb is tall.
        4. Put each bulb in pointy end up, spacing them about two bulb-widths apart.
        5. Cover with soil, firm it gently and water once.
        """),
    ("How do I keep cut flowers fresh for longer?", """
        1. Trim the stems at an angle, under running water if you can.
        2. Remove any leaves that would sit below the water line.
        3. Use a clean vase and add the flower food from the packet.
        4. Keep the vase away from direct sun, radiators and fruit bowls (ripening fruit speeds wilting).
        5. Change the water and re-trim the stems every two days.
        """),
    ("How do I deep-clean my fridge?", """
        1. Empty it, throwing out anything past its date.
        2. Take out the shelves and drawers and wash them in warm soapy water; let glass shelves warm up first so they don't crack.
        3. Wipe the inside with a solution of warm water and baking soda.
        4. Clean the door seals with an old toothbrush.
        5. Dry everything, put it back, and leave an open box of baking soda inside to absorb smells.
        """),
    ("How do I make iced coffee at home?", """
        - Quick way: brew coffee at double strength, let it cool slightly, and pour it over a glass full of ice.
        - Cold brew: stir 100 g of coarsely ground coffee into 1 litre of cold water, leave it in the fridge for 12–18 hours, then strain. Dilute to taste.
        Add milk and sugar syrup as you like; syrup mixes into cold drinks better than sugar.
        """),
    ("How do I force-restart a frozen iPhone?", """
        On an iPhone 8 or later: quickly press and release volume up, quickly press and release volume down, then press and hold the side button until the Apple logo appears, which takes about 10 seconds. This doesn't delete anything. If it happens often, update iOS and check your storage isn't nearly full.
        """),
    ("How do I get chewing gum off my clothes?", """
        1. Put the garment in a plastic bag in the freezer for an hour, or hold an ice cube on the gum.
        2. Once the gum is hard, scrape it off with a blunt knife or spoon.
        3. Treat any leftover residue with a little stain remover or washing-up liquid.
        4. Wash as usual, and check the stain is gone before tumble-drying.
        """),
    ("How do I organise my wardrobe?", """
        1. Take everything out and sort it into keep, donate and repair.
        2. Be honest: if you haven't worn it in a year, it can probably go.
        3. Group what's left by type, then by colour.
        4. Keep everyday clothes at eye level and seasonal ones higher up or in boxes.
        5. Use matching hangers and fold knitwear, which stretches on hangers.
        """),
]

HOW_TO_WORK_MULTI_TURN = [
    [("How do I make a smoothie?", """
        1. Add about a cup of liquid to the blender: milk, yoghurt or juice.
        2. Add a banana and a cup of frozen fruit, such as berries or mango.
        3. Add extras if you like: spinach, oats or a spoonful of peanut butter.
        4. Blend until smooth, adding more liquid if it's too thick.
        """),
     ("Can I make it without a banana?", """
        Yes. Use half an avocado, a few spoonfuls of Greek yoghurt, or a handful of oats for creaminess, and frozen mango or a little honey for sweetness.
        """)],
    [("How do I set goals for the new year?", """
        1. Look back: what went well last year, and what do you want to change?
        2. Pick two or three goals, not ten.
        3. Make each one specific and measurable: "run a 5 km race by June", not "get fit".
        4. Break each goal into monthly steps.
        5. Put a monthly check-in in your calendar.
        """),
     ("What if I fall behind by March?", """
        That's normal. Look at what got in the way, shrink the goal or the steps if they were too ambitious, and restart from where you are. A smaller goal you keep working on beats a big one you abandon.
        """)],
    [("How do I start learning a new programming language?", """
        1. Pick one with a clear use for you, such as Python for scripting or JavaScript for websites.
        2. Follow one beginner course or the official tutorial from start to finish.
        3. Type the examples yourself rather than copying them.
        4. Build a tiny project early, like a to-do list or a quiz.
        5. Read error messages carefully; they usually say what's wrong.
        """),
     ("How long before I'm any good?", """
        With regular practice, say an hour a day, most people can write small useful programs within a couple of months. Getting comfortable with larger projects takes longer. Building things you care about is the fastest way to improve.
        """)],
]
