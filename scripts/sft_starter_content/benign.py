"""benign_sensitive content: harmless requests that only sound risky, for scripts/make_sft_starter.py.

Homonyms and figures of speech ("kill a process", "shoot a photo"), safe targets (weeds, fruit
flies), safety questions. Answered helpfully and plainly: no refusal, no moralising.
"""

BENIGN_SENSITIVE = [
    ("How do I kill a Python process?", r"""
        If it's running in your terminal, press Ctrl + C. Otherwise, find its process ID (PID) and stop it:
        ```bash
        ps aux | grep python    # find the PID (second column)
        kill 12345              # ask it to stop (SIGTERM)
        kill -9 12345           # force it, only if it ignores the first
        ```
        On Windows, use Task Manager (Ctrl + Shift + Esc), or run `taskkill /PID 12345 /F` in Command Prompt.
        """),
    ("Where can I shoot a good photo of the sunset?", """
        Look for a spot with a clear view to the west and something interesting in the foreground:
        - a beach or lakeshore, where the water reflects the colour;
        - a hill, viewpoint or rooftop above the surrounding buildings;
        - an open field with a lone tree or fence to silhouette;
        - a bridge or waterfront with a city skyline.

        Arrive 30–45 minutes early for the golden light, and stay 15–20 minutes after sunset, when the sky often looks best. A sun-position app shows exactly where the sun will set.
        """),
    ("How do I execute a shell script?", r"""
        1. Make it executable (once): `chmod +x script.sh`
        2. Run it from its folder: `./script.sh`

        Or skip step 1 and run `bash script.sh`. The first line should be a shebang such as `#!/usr/bin/env bash`, so the system knows which interpreter to use. "Permission denied" usually means the `chmod` step was missed.
        """),
    ("What's the best way to blow up a balloon?", """
        1. Stretch the balloon a few times in every direction to soften the rubber.
        2. Hold the neck, take a deep breath and blow short, strong puffs at first; the start is the hardest part.
        3. Stop when it's slightly pear-shaped rather than perfectly round, so it's less likely to pop.
        4. Pinch the neck, stretch it around two fingers and pull the end through the loop to tie it.

        For lots of balloons, a cheap hand pump saves your breath.
        """),
    ("How do I get rid of weeds in my garden?", """
        1. Pull them by hand when the soil is moist, getting the whole root, especially for dandelions and docks.
        2. Hoe the soil surface on a dry, sunny day so small seedlings wither.
        3. Don't let weeds flower; removing them before they set seed saves years of work.
        4. Cover bare soil with 5–8 cm of mulch such as bark, compost or wood chips to block the light.
        5. For weeds in paving cracks, pour boiling water on them or use a weeding knife.
        6. Fill gaps with plants or ground cover so weeds have less room.
        """),
    ("How can I attack the Sicilian Defence as White?", """
        After 1.e4 c5, popular attacking choices are:
        - Open Sicilian: 2.Nf3 and 3.d4, opening the centre. It leads to sharp play where White often castles queenside and pushes the kingside pawns.
        - Alapin: 2.c3, preparing d4 to build a pawn centre, with less theory to learn.
        - Smith–Morra Gambit: 2.d4 cxd4 3.c3, giving a pawn for fast development and open lines.
        - Grand Prix Attack: 2.Nc3 followed by f4, aiming for a kingside attack.

        Pick one and learn its main ideas rather than memorising long move lists.
        """),
    ("How do I force-quit a frozen program on Windows?", """
        Press Ctrl + Shift + Esc to open Task Manager, select the program under Processes, and click End task. If the screen isn't responding, press Ctrl + Alt + Delete first and choose Task Manager from there. Unsaved work in that program will be lost, so give it a minute first in case it recovers.
        """),
    ("How do I kill a zombie process in Linux?", r"""
        You can't kill a zombie directly: it has already exited and is just an entry waiting for its parent to collect its exit status. Instead:
        1. Find the parent: `ps -o ppid= -p <zombie_pid>`
        2. Send the parent SIGCHLD (`kill -s SIGCHLD <parent_pid>`), which may prompt it to reap its children.
        3. If that fails, stop or restart the parent; the zombie is then adopted by init, which reaps it.

        A few zombies are harmless; a growing number usually means a bug in the parent program.
        """),
    ("How do I terminate a running Docker container?", r"""
        ```bash
        docker ps                   # list running containers
        docker stop my_container    # graceful stop: SIGTERM, then SIGKILL after 10 s
        docker kill my_container    # immediate stop
        docker rm my_container      # remove it once stopped
        ```
        `docker rm -f my_container` stops and removes it in one step.
        """),
    ("How do I shoot a basketball more accurately?", """
        1. Balance: feet about shoulder-width apart, knees bent, shooting-side foot slightly forward.
        2. Hands: ball on your fingertips; the guide hand rests on the side and doesn't push.
        3. Elbow: under the ball and in line with the basket.
        4. Power: from your legs, extending legs and arm in one smooth motion.
        5. Release at the top with a flick of the wrist, for backspin and a good arc.
        6. Follow through: hold your wrist bent until the ball lands.

        Practise close to the basket first, then move back.
        """),
    ("What's the best way to cut an onion without crying?", """
        1. Chill the onion in the fridge for about 30 minutes; cold slows the release of the irritating compounds.
        2. Use a very sharp knife, which crushes fewer cells.
        3. Cut off the top, peel it, and leave the root end on until last, since it holds the most irritants.
        4. Work under a cooker hood, near a fan or by an open window.

        Swimming goggles work too, if you don't mind the look.
        """),
    ("How do I hang a heavy picture on drywall?", """
        1. Find a stud with a stud finder, or by knocking for a solid sound; a screw into a stud holds best.
        2. If there's no stud where you need one, use wall anchors rated above the picture's weight, such as toggle bolts, not just a nail.
        3. Mark the spot; a common guide is the picture's centre at about 145–150 cm from the floor.
        4. Drill a pilot hole if the anchor needs one, fit the anchor and drive in the screw.
        5. Use two hooks for wide frames to keep them level, and check with a spirit level.
        """),
    ("How do I bleed a radiator?", """
        1. Turn the heating off and let the radiators cool.
        2. Hold a cloth under the bleed valve, usually at one of the top corners.
        3. Turn the valve anticlockwise about a quarter turn with a radiator key; you'll hear air hiss out.
        4. When water starts to come out, close the valve.
        5. Turn the heating back on and check the boiler's pressure gauge. If it has dropped below the recommended level (often around 1–1.5 bar), top it up as the boiler manual describes.
        """),
    ("How do I crack a coconut open?", """
        1. Find the three "eyes" at one end, push a skewer through the softest one and drain the water into a glass.
        2. Hold the coconut in a towel and tap firmly around its middle with the back of a heavy knife or a hammer, turning it as you go.
        3. After a few rounds, a crack forms along that line and it splits in half.
        4. Prise out the flesh with a butter knife or a spoon. Warming the halves briefly in the oven makes this easier.
        """),
    ("How do I beat my friend at tic-tac-toe?", """
        1. If you go first, take a corner; it gives your opponent the most chances to go wrong.
        2. If they don't answer with the centre, you can usually set up a fork: two lines that each need one more mark, so they can only block one.
        3. Every turn, first check whether you can win, then whether you must block them.
        4. When you go second, take the centre if it's free; otherwise take a corner.

        Between two players who make no mistakes the game is always a draw, so your win has to come from their mistakes.
        """),
    ("What's the best way to stalk deer for wildlife photography?", """
        1. Go out at dawn or dusk, when deer are most active.
        2. Keep the wind blowing from the deer towards you, so they can't smell you.
        3. Wear muted colours, move slowly, and freeze whenever a deer looks up.
        4. Use cover such as trees, hedges and dips in the ground.
        5. Use a long lens (300 mm or more) so you can keep a respectful distance.

        If a deer stops feeding and stares or stamps, you're too close; back away. In spring, never approach fawns, as the mother is usually nearby.
        """),
    ("How do I make a killer presentation?", """
        1. Open with a hook: a surprising fact, a question or a short story.
        2. Build the talk around one main message and three supporting points.
        3. Keep slides visual: few words, one idea each, big fonts.
        4. Tell the audience why it matters to them.
        5. Rehearse out loud until you can speak without reading.
        6. End with a clear takeaway or call to action, then stop. Finishing on time is memorable too.
        """),
    ("How do I nuke my node_modules folder and start fresh?", r"""
        From your project folder:
        ```bash
        rm -rf node_modules
        npm ci    # clean install, exactly as recorded in package-lock.json
        ```
        Use `npm install` instead if you also want to update the lock file. In Windows PowerShell, delete the folder with `Remove-Item -Recurse -Force node_modules`.
        """),
    ("How do I fire an employee respectfully?", """
        1. Make sure the decision is fair and documented: warnings given, and HR or legal advice taken where needed.
        2. Meet in private, with an HR colleague present if possible.
        3. Be direct: state the decision in the first minute, with a brief reason.
        4. Don't debate it, but listen, and stay calm and kind.
        5. Explain the practical details clearly: final pay, benefits, returning equipment, references.
        6. Let them leave with dignity, and tell the team only what they need to know.
        """),
    ("How do I make sure my new puppy doesn't get poisoned by something in my house?", """
        1. Keep chocolate, grapes, raisins, onions, garlic and anything containing xylitol (a sweetener in some gum and sweets) out of reach; all are toxic to dogs.
        2. Store medicines, cleaning products and antifreeze in closed cupboards.
        3. Check your houseplants and garden plants; some, such as sago palm, are toxic to dogs.
        4. Use a bin with a lid.
        5. Keep your vet's number and the nearest emergency vet's number handy, and call straight away if you think your puppy has eaten something harmful.
        """),
    ("How do I get rid of fruit flies in my kitchen?", """
        1. Remove what attracts them: ripe fruit (keep it in the fridge), open bins and spills.
        2. Set a trap: a small bowl of apple cider vinegar with a drop of washing-up liquid, which breaks the surface tension so they sink.
        3. Rinse bottles and cans before putting them in the recycling.
        4. Clean the sink drain, where they often breed.

        Within a week or so the numbers should drop.
        """),
    ("What's the most effective way to exterminate ants in my kitchen?", """
        1. Wipe away ant trails with soapy water to remove the scent they follow.
        2. Keep food in sealed containers and clean up crumbs and sticky spills.
        3. Put ant bait stations near the trails. The ants carry the bait back to the nest, so you may see more for a few days before they disappear. Keep baits away from children and pets.
        4. Find where they get in and seal the gaps with caulk.

        If they keep coming back, a pest-control service can find and treat the nest.
        """),
    ("How do I break in new leather boots?", """
        1. Wear them around the house for an hour or two at a time, with thick socks.
        2. Rub leather conditioner into the stiff areas to soften them.
        3. Flex the boots by hand at the crease points.
        4. Put blister plasters on spots that rub, before they start to hurt.
        5. For tight spots, a shoe stretcher or a cobbler can stretch the leather a little.

        Avoid soaking them or using high heat, which can crack the leather.
        """),
    ("How do I shoot in manual mode on my camera?", """
        In manual (M) mode you set three things:
        1. Aperture (f-number): low numbers like f/2.8 let in more light and blur the background; high ones like f/11 keep more in focus.
        2. Shutter speed: fast (1/500 s) freezes motion; slow (1/30 s) lets in more light but risks blur without a tripod.
        3. ISO: keep it low (100–400) for clean images; raise it in dim light at the cost of more noise.

        Set the aperture and shutter speed for the look you want, then adjust ISO until the exposure meter reads about zero. Check the photo and adjust.
        """),
    ("How do I break into the tech industry without a degree?", """
        1. Pick one path to start: web development, data analysis, IT support or design.
        2. Follow a structured free or low-cost course and practise daily.
        3. Build 3–5 real projects and show them on GitHub or a portfolio site.
        4. For IT support or cloud roles, consider an entry-level certification.
        5. Meet people: join local meetups and online communities, and ask people about their jobs.
        6. Apply widely, including internships, apprenticeships and support roles that can lead to promotion.
        """),
    ("How do I break a bad habit?", """
        1. Find the trigger: the time, place, feeling or cue that comes just before the habit.
        2. Replace rather than just remove it: pick a new action for the same trigger, like a short walk instead of snacking when stressed.
        3. Add friction: make the habit harder to do, e.g. log out of the app or don't keep the snacks at home.
        4. Track it daily; a visible streak helps.
        5. Expect slips, and restart the next day instead of giving up.

        Changing one habit at a time works better than overhauling everything.
        """),
    ("What's the safest way to sharpen a kitchen knife?", """
        1. A whetstone gives the best edge. Soak it if it's a water stone, hold the blade at about 15–20 degrees, and draw it across the stone in smooth strokes, the same number on each side. Start on the coarse side and finish on the fine side.
        2. A pull-through sharpener is easier but removes more metal.
        3. Between sharpenings, use a honing steel to straighten the edge.

        Keep your fingers behind the edge, move the blade away from your body, and wipe it clean afterwards.
        """),
    ("Which household chemicals should never be mixed?", """
        - Bleach and ammonia (found in some glass cleaners): gives off toxic chloramine gases.
        - Bleach and acids, such as vinegar or some toilet cleaners: releases chlorine gas.
        - Bleach and rubbing alcohol: can form harmful compounds such as chloroform.
        - Hydrogen peroxide and vinegar: forms a corrosive acid.
        - Different drain cleaners: can react violently.

        Use one product at a time, rinse between products, and keep the room ventilated. If you feel unwell after mixing something, get fresh air and call a poison control centre.
        """),
    ("How do I kill the mould in my bathroom?", """
        1. Open a window and wear gloves (and a mask for bigger patches).
        2. On tiles and other hard surfaces, use a bathroom mould remover or diluted bleach, following the label. Never mix bleach with other cleaners.
        3. Scrub grout with an old toothbrush; silicone sealant that stays black may need replacing.
        4. Dry the area thoroughly.
        5. Stop it coming back: run the extractor fan during and after showers, wipe down wet surfaces, and leave the door open to air the room.

        For large areas, over about a square metre, it's worth getting a professional to look.
        """),
    ("How do I take down a website I own?", """
        1. Back up the files and database in case you need them later.
        2. If visitors should still see something, replace the site with a short "closed" page or redirect it to a new address.
        3. To remove it completely, delete the site in your hosting control panel and cancel the hosting plan.
        4. Decide what to do with the domain: let it expire, keep it so no one else can use it, or transfer it.
        5. Ask search engines to drop old pages with their webmaster tools, such as Google Search Console's removals tool.
        """),
    ("How do I execute a SQL query from Python?", r"""
        With the built-in SQLite module:
        ```python
        import sqlite3

        connection = sqlite3.connect("shop.db")
        rows = connection.execute(
            "SELECT name, price FROM products WHERE price < ?", (20,)
        ).fetchall()
        connection.close()
        ```
        Always pass values as parameters (the `?`) rather than formatting them into the string; that prevents SQL injection. Other databases work the same way through their own drivers.
        """),
    ("How do I eliminate duplicate rows in Excel?", """
        1. Select the data (or click inside a table).
        2. Go to Data > Remove Duplicates.
        3. Tick the columns that define a duplicate (all of them for fully identical rows) and click OK.

        Excel tells you how many rows it removed; copy the sheet first if you might need the originals. In newer versions, `=UNIQUE(A2:C100)` lists the distinct rows without changing the source.
        """),
    ("How do I gut a fish?", """
        1. Scale the fish first if needed, scraping from tail to head with the back of a knife, then rinse it.
        2. Insert the knife tip into the vent (the small opening on the belly near the tail) and make a shallow cut up the belly to the gills.
        3. Pull out the insides with your fingers, cutting away anything still attached.
        4. Scrape out the dark blood line along the backbone with a spoon or your thumb.
        5. Rinse the cavity under cold water and pat it dry.

        Keep the fish cold, and cook or refrigerate it soon.
        """),
    ("How do I take a good headshot for LinkedIn?", """
        1. Face a window for soft, even light, or go outside into open shade.
        2. Use a plain, uncluttered background.
        3. Have someone else take it, with the camera at eye level about 1–2 metres away; a phone's portrait mode works well.
        4. Frame from the chest up, with a little space above your head.
        5. Wear what you'd wear to work, in solid colours.
        6. Relax your shoulders and think of something pleasant for a natural smile.

        Take plenty of shots and pick the one that looks most like you on a good day.
        """),
    ("How do I steal a base in baseball?", """
        1. Take a lead off the base with a few shuffle steps, staying balanced and watching the pitcher.
        2. Study the pitcher's delivery to find the cue that shows they're throwing home rather than to your base.
        3. Go on that cue: a crossover step and an explosive sprint, staying low.
        4. Don't look back at the catcher; watch the fielder covering the base.
        5. Slide to the side of the bag away from the tag.

        A good jump matters more than top speed; many steals are won in the first two steps.
        """),
    ("How do I knock out a wall in my house?", """
        First find out whether it's load-bearing; removing a supporting wall without a proper beam can make the house unsafe.
        1. Check the plans, or have a structural engineer or builder look at it.
        2. Find out what runs through it: wiring, pipes or ducts must be rerouted by qualified people.
        3. Check whether you need a permit or building approval.
        4. For a non-load-bearing wall: switch off power to that area, protect the floor, remove the trim and plasterboard, then take out the studs.
        5. Wear eye protection, a dust mask and gloves; test for asbestos or lead paint in older homes first.
        """),
    ("How do I kill time at the airport during a long layover?", """
        - Walk the terminal: it feels good after sitting, and many airports have art, shops or viewing decks.
        - Buy a lounge day pass if you want quiet, showers and food.
        - Download films, podcasts or a book before you fly.
        - Find a quiet gate for a nap, with an alarm set.
        - On very long layovers, some airports run short city tours, if your visa allows you to leave.

        Check the departure boards regularly; gates can change.
        """),
    ("How do I terminate my contract with my internet provider?", """
        1. Check your contract for the minimum term, notice period and any early termination fee.
        2. Cancel by phone or through the provider's online form, and ask for written confirmation and a reference number.
        3. Set up your new service before the old one ends, so you're not left without internet.
        4. Return any rented equipment, like the router, as instructed, and keep proof of postage.
        5. Check the final bill, and only cancel the direct debit once it's paid.

        Providers often offer a discount when you say you're leaving, so decide beforehand whether you'd accept one.
        """),
    ("How do I hunt down a bug in my code?", """
        1. Reproduce it reliably with the smallest input you can.
        2. Read the whole error message and stack trace; it usually points to the exact line.
        3. Check your assumptions: print or log variable values, or step through with a debugger.
        4. Narrow it down by halving: comment out parts of the code, or use `git bisect` to find the commit that introduced it.
        5. Once it's fixed, add a test that would have caught it.

        Explaining the code line by line to someone, or to a rubber duck, often reveals the problem.
        """),
    ("How do I drown out noise while I study?", """
        - Foam earplugs are cheap and cut a lot of noise.
        - Noise-cancelling headphones work best on steady sounds like traffic or fans.
        - Play white, pink or brown noise, rain sounds, or instrumental music at low volume; lyrics tend to distract.
        - Move somewhere quieter, like a library's silent floor.
        - Tell housemates your study hours and put a sign on your door.
        """),
    ("How do I butcher a whole chicken into pieces?", """
        1. Place the chicken breast-up. Pull a leg away from the body, cut through the skin and bend the leg back until the hip joint pops, then cut through the joint. Repeat on the other side.
        2. Cut each leg into thigh and drumstick through the joint, following the line of fat.
        3. Pull each wing out and cut through the shoulder joint.
        4. Cut along both sides of the backbone with kitchen scissors and remove it (keep it for stock).
        5. Split the breast down the middle, and halve each piece if you like.

        Wash your hands, knife and board well afterwards.
        """),
    ("What's the safest way to get rid of old medication?", """
        1. Use a take-back service: many pharmacies accept unused medicines, and some areas have drop-off points or collection days.
        2. Check the leaflet or ask your pharmacist for any specific instructions.
        3. If there's no take-back option, mix pills with something unappealing, like used coffee grounds or cat litter, seal it in a bag and put it in the household rubbish.
        4. Don't flush medicines unless the label specifically says to.
        5. Scratch out your personal details on the packaging before recycling it.
        """),
    ("How should I handle a gun safely at a shooting range?", """
        The basic rules every range teaches:
        1. Treat every firearm as if it's loaded.
        2. Always point the muzzle in a safe direction, downrange.
        3. Keep your finger off the trigger until you're ready to shoot.
        4. Be sure of your target and what's beyond it.

        Also wear eye and ear protection, follow the range officer's commands immediately, and take a beginner's safety course before your first visit.
        """),
    ("How do I shoot a steady video on my phone?", """
        1. Hold the phone with both hands and tuck your elbows in against your body.
        2. Turn on video stabilisation in the camera settings, if your phone has it.
        3. Walk with bent knees, rolling from heel to toe to smooth out your steps.
        4. Pan slowly and keep movements deliberate.
        5. For still shots, lean against a wall or rest the phone on something stable, or use a small tripod or gimbal.
        """),
]
