"""More benign_sensitive content for scripts/make_sft_starter.py: tech and everyday homonyms.

Requests whose wording sounds risky ("kill", "shoot", "destroy", "crack") but that are ordinary
computing, cooking, sport and work questions. Answered helpfully and plainly: no refusal and no
moralising. Raw strings, so backslashes in commands stay as written.
"""

BENIGN_TECH_AND_LIFE = [
    ("How do I kill whatever is using port 8080?", r"""
        On Linux or macOS, find the process and stop it:
        ```bash
        lsof -i :8080          # shows the PID of the process listening on 8080
        kill 12345             # replace 12345 with that PID
        ```
        On Windows, run `netstat -ano | findstr :8080` to get the PID, then `taskkill /PID 12345 /F`. If it comes straight back, it's probably a service or a container that restarts it.
        """),
    ("How do I kill a process by name on Linux?", r"""
        ```bash
        pgrep -a firefox     # list matching processes and their PIDs first
        pkill firefox        # ask them all to stop (SIGTERM)
        pkill -9 firefox     # force it, only if they ignore the first
        ```
        `pkill` matches part of the name, so check with `pgrep -a` that it won't catch anything else. `killall firefox` does the same with an exact name.
        """),
    ("How do I abort a git merge that went wrong?", r"""
        ```bash
        git merge --abort
        ```
        This puts your branch back to how it was before the merge started. If you've already finished the merge commit, use `git reset --hard ORIG_HEAD` instead, but only if you haven't pushed it and have no uncommitted work you want to keep.
        """),
    ("How do I destroy everything I created with Terraform?", r"""
        From the folder with your configuration, run:
        ```bash
        terraform plan -destroy   # preview what will be removed
        terraform destroy         # remove it; type "yes" to confirm
        ```
        Double-check you're in the right workspace (`terraform workspace show`) first, so you don't tear down the wrong environment.
        """),
    ("How do I completely purge a package on Ubuntu?", r"""
        ```bash
        sudo apt purge package-name     # removes the package and its system config files
        sudo apt autoremove             # removes dependencies nothing needs any more
        ```
        `apt remove` keeps configuration files; `purge` deletes them too. Settings in your home folder (like `~/.config/package-name`) are left alone, so delete those by hand if you want a clean slate.
        """),
    ("How do I wipe my laptop before selling it?", """
        1. Back up everything you want to keep.
        2. Sign out of your accounts (Apple ID, Microsoft account, browsers) and deauthorise apps that have device limits.
        3. Make sure the disk is encrypted (BitLocker on Windows, FileVault on a Mac), so a reset leaves nothing readable.
        4. Use the built-in reset: on Windows, Settings > System > Recovery > Reset this PC > Remove everything; on a Mac, "Erase All Content and Settings".
        5. Let it reinstall the system so the buyer gets a working computer.
        """),
    ("How do I force-push without wrecking my teammates' commits?", r"""
        Use the safer form:
        ```bash
        git push --force-with-lease
        ```
        It refuses to overwrite the remote branch if someone else has pushed to it since you last fetched, unlike plain `--force`. Even so, only rewrite history on branches that you alone work on, and tell your team when you do.
        """),
    ("How do I dump a PostgreSQL database to a file?", r"""
        ```bash
        pg_dump -U myuser -d mydb -F c -f mydb.dump     # custom format, compressed
        pg_restore -U myuser -d newdb mydb.dump          # restore it later
        ```
        For a plain SQL file you can read, use `pg_dump -U myuser mydb > mydb.sql`. Run dumps on a schedule if this is your backup plan, and test restoring one now and then.
        """),
    ("How do I inject dependencies in Python without a framework?", r"""
        Pass the things a class needs into its constructor instead of creating them inside:
        ```python
        class ReportService:
            def __init__(self, storage, clock):
                self.storage = storage
                self.clock = clock

            def save(self, text):
                self.storage.write(f"{self.clock()}: {text}")
        ```
        In tests you pass fakes; in production you pass the real objects. That's all dependency injection is.
        """),
    ("What's the fastest way to nuke all my stopped Docker containers and unused images?", r"""
        ```bash
        docker container prune      # removes all stopped containers
        docker image prune -a       # removes images no container uses
        docker system prune -a      # both, plus unused networks and build cache
        ```
        Each asks for confirmation. Add `--volumes` to the last one only if you're sure you don't need the data in unused volumes.
        """),
    ("How do I run a port scan on my own home network?", r"""
        Install nmap, then scan your local subnet (check yours with `ip addr` or `ipconfig`):
        ```bash
        nmap -sn 192.168.1.0/24        # which devices are up
        nmap 192.168.1.20              # which common ports one device has open
        ```
        It's a good way to spot devices you don't recognise or services you forgot were running. Only scan networks you own or have permission to test.
        """),
    ("How do I detach from a tmux session without killing it?", """
        Press Ctrl + B, then D. The session keeps running in the background. Later, list sessions with `tmux ls` and reattach with `tmux attach -t name` (or just `tmux attach` for the most recent one).
        """),
    ("How do I crash-proof my Python script so one bad line doesn't stop the whole batch?", r"""
        Catch errors per item, log them, and carry on:
        ```python
        import logging

        for path in paths:
            try:
                process(path)
            except Exception:
                logging.exception("failed on %s", path)
        ```
        `logging.exception` records the full traceback, so you can fix the failures afterwards instead of losing the whole run.
        """),
    ("How do I burn files to a DVD on Windows?", """
        1. Put a blank DVD in the drive.
        2. In File Explorer, select the files, right-click and choose Send to > DVD drive.
        3. Pick "With a CD/DVD player" for a disc that works in most computers, then click Next.
        4. Open the drive, check the files are listed, and choose "Finish burning" (or "Burn to disc") from the toolbar.
        """),
    ("How do I shoot a short film on a tiny budget?", """
        1. Write for what you have: one or two locations, a small cast and daylight scenes.
        2. Use a phone on a cheap tripod and shoot in the highest quality setting.
        3. Prioritise sound: a clip-on microphone improves a film more than a better camera.
        4. Light with windows and lamps; a white sheet or foil-covered board works as a reflector.
        5. Plan a shot list so the shoot days go quickly.
        6. Edit with free software such as DaVinci Resolve, and keep the final cut short.
        """),
    ("What's the best way to shoot portraits in harsh midday sun?", """
        - Move your subject into open shade, like under a tree or beside a building; the light is softer and more even.
        - If you must stay in the sun, put the sun behind them and expose for their face, or bounce light back with a reflector.
        - Use fill flash to soften shadows under the eyes.
        - Avoid having them face the sun, which makes people squint.
        """),
    ("How do I blow the audience away with my keynote?", """
        1. Open with a story or a surprising fact, not an agenda slide.
        2. Build the talk around one big idea people can repeat afterwards.
        3. Use slides with few words and big visuals; you are the presentation.
        4. Rehearse out loud, with a timer, until you can do it without notes.
        5. Vary your pace and pause after key points.
        6. End with a clear, memorable takeaway or call to action.
        """),
    ("How can I murder the competition in my startup pitch?", """
        - Start with the problem, told through one real customer.
        - Show your solution working, with a demo or screenshots, in under a minute.
        - Prove demand: users, revenue, a waiting list or letters of intent.
        - Be honest about competitors and say clearly why you win.
        - Know your numbers (market size, costs, what the money is for) cold.
        - Keep to time and practise the Q&A as much as the pitch.
        """),
    ("How do I knock 'em dead at my theatre audition?", """
        1. Pick a monologue or song that suits your age and type, and know it perfectly.
        2. Read the whole play if it's from one, so you understand the character.
        3. Warm up your body and voice beforehand.
        4. Walk in calmly, introduce yourself and the piece clearly, and take a moment before you start.
        5. Commit fully to your choices; directors cast conviction.
        6. Be ready to take a redirection and try it a different way.
        """),
    ("How do I slay my first half marathon?", """
        - Train for about 10–12 weeks, building your long run gradually to around 16–19 km.
        - Do most runs at an easy, conversational pace.
        - Practise your race-day breakfast, drinks and shoes during training, never new on the day.
        - Start slower than feels necessary; the first few kilometres should feel easy.
        - Drink at the water stations and walk briefly through them if that helps.
        - Enjoy the finish: you've earned it.
        """),
    ("How do I crush my exams next week?", """
        1. List every topic and rank them by how shaky you feel.
        2. Spend most of your time on past papers and practice questions, not rereading.
        3. Study in focused blocks of 25–50 minutes with short breaks.
        4. Test yourself from memory, then check what you missed.
        5. Sleep properly; memory consolidates overnight.
        6. The night before, review summaries lightly and pack what you need.
        """),
    ("How do I smash my sales target this quarter?", """
        - Work backwards from the target: how many deals, meetings and calls does it take at your usual conversion rate?
        - Focus on the biggest, warmest opportunities first.
        - Follow up quickly; many deals are lost to silence, not competitors.
        - Ask happy customers for referrals and upgrades.
        - Block time in your calendar for prospecting every day.
        - Review your pipeline weekly and drop deals that are going nowhere.
        """),
    ("How do I tackle an inbox with 2,000 unread emails?", """
        1. Archive everything older than a month in one go; anything important will come back.
        2. Sort what's left by sender and bulk-delete newsletters and notifications.
        3. Unsubscribe from the lists you never read.
        4. For the rest, reply at once if it takes under two minutes, otherwise flag it.
        5. Set up filters so automated mail skips your inbox from now on.
        """),
    ("How do I break the ice at a networking event?", """
        - Approach someone standing alone; they'll usually be glad of the company.
        - Open with something shared: "How do you know the organisers?" or "What brought you here tonight?"
        - Ask follow-up questions and listen more than you talk.
        - Have a one-sentence answer ready for "What do you do?"
        - After ten minutes or so, exit politely: "Great to meet you, I'm going to grab a drink. Let's connect online."
        """),
    ("How can I steal the show at my school talent contest?", """
        - Choose an act you genuinely enjoy and can practise until it's second nature.
        - Keep it short; two or three minutes with no slow patches beats a long act.
        - Start strong, so the audience is with you from the first seconds.
        - Make eye contact and smile; confidence is half of stage presence.
        - Rehearse in front of friends and on the actual stage if you can.
        - Finish with a big moment and a clear bow.
        """),
    ("How do I shoot down a bad idea in a meeting without offending anyone?", """
        - Start with what's good about it: "I like that this tackles the delivery delays."
        - Raise your concern as a question: "How would we cover the extra cost?"
        - Talk about the idea, not the person.
        - Offer an alternative or a way to test it cheaply.
        - If it's a big issue, follow up privately instead of debating in front of everyone.
        """),
    ("How do I kill my sugar cravings?", """
        - Eat regular meals with protein and fibre, so you don't get too hungry.
        - Drink water; thirst is sometimes mistaken for a craving.
        - Keep sweets out of easy reach and have fruit or nuts to hand.
        - Notice triggers such as stress or boredom, and have another response ready, like a short walk.
        - Get enough sleep, since tiredness increases cravings.
        - Cut back gradually; your taste for sweetness adjusts within a few weeks.
        """),
    ("How do I stop choking under pressure in exams?", """
        - Practise under exam conditions (timed, no notes) so the real thing feels familiar.
        - Before you start, take a few slow breaths with long exhales to calm your body.
        - Read the whole paper, then start with a question you're confident about.
        - If you blank, move on and come back; the answer often returns.
        - Write down worries for a few minutes beforehand; it can free up working memory.
        """),
    ("How do I execute a Python script from the command line?", r"""
        Open a terminal in the script's folder and run:
        ```bash
        python my_script.py        # or python3 on macOS and many Linux systems
        python my_script.py data.csv   # with an argument
        ```
        On Windows, `py my_script.py` also works. If you get "No such file", check that you're in the right folder with `ls` (or `dir` on Windows).
        """),
    ("How do I kill a tmux session?", r"""
        ```bash
        tmux ls                      # list sessions
        tmux kill-session -t name    # kill one session by name
        tmux kill-server             # kill every session
        ```
        From inside the session, typing `exit` in each window closes it too.
        """),
    ("How do I shoot a slow-motion video on my phone?", """
        1. Open the camera app and choose Slo-mo (iPhone) or Slow motion (Android, sometimes under More).
        2. Use plenty of light: slow motion needs fast shutter speeds, so it looks grainy and flickers indoors.
        3. Keep the phone steady and frame the action before it starts.
        4. Film short bursts of fast movement, like a splash, a jump or a ball being kicked.
        5. Trim where the slow part starts and ends in the editor afterwards.
        """),
    ("How do I fire up a Jupyter notebook?", r"""
        ```bash
        pip install notebook     # once, ideally inside a virtual environment
        jupyter notebook         # opens it in your browser
        ```
        Or install `jupyterlab` and run `jupyter lab` for the newer interface. It starts in the current folder, so `cd` to your project first. Press Ctrl + C in the terminal to shut it down.
        """),
    ("How do I crack open a jar lid that's stuck?", """
        - Grip it with a rubber glove or a wide rubber band for extra grip.
        - Run the lid under hot water for 30 seconds; the metal expands slightly.
        - Tap around the edge of the lid on the counter to break the seal.
        - Slide a spoon under the edge of the lid and lever gently to let air in.
        """),
    ("What's a healthy way to blow off steam after a stressful day?", """
        - Move: a brisk walk, a run or a dance around the kitchen burns off tension.
        - Write down what's bothering you, then close the notebook.
        - Talk it through with a friend.
        - Do something absorbing with your hands, like cooking or gardening.
        - Try slow breathing: in for four counts, out for six, for a few minutes.
        - Leave screens alone for the last hour before bed.
        """),
    ("How do I hammer a nail without hitting my thumb?", """
        Hold the nail near its head between your fingers, or better, push it through a piece of card or hold it with a comb or pliers, so your fingers stay clear. Tap gently until it stands on its own, then let go and drive it in with firm, full swings, holding the hammer near the end of the handle and watching the nail head, not the hammer.
        """),
    ("How do I stop a runaway loop in a Jupyter notebook?", """
        Click the stop button (■) in the toolbar, or choose Kernel > Interrupt. The keyboard shortcut is pressing I twice in command mode. If it still won't stop, use Kernel > Restart, which clears all variables, so you'll need to re-run the cells you need.
        """),
    ("How do I attack a really hard crossword?", """
        - Start with the short answers and fill-in-the-blank clues; they're usually easiest.
        - Look for plurals and tenses: a plural clue often ends in S, a past tense in ED.
        - Use the letters you have; crossing answers are the main way in.
        - Learn common cryptic indicators if it's a cryptic: "confused" often means an anagram.
        - Walk away and come back; answers often pop up later.
        """),
    ("How do I get rid of aphids on my roses?", """
        1. Squash small groups between finger and thumb, or knock them off with a strong jet of water.
        2. Spray with a mild solution of water and a few drops of washing-up liquid, repeating every few days.
        3. Encourage ladybirds, lacewings and birds, which eat aphids.
        4. Avoid too much nitrogen fertiliser, which produces the soft growth aphids love.
        """),
    ("How do I get rid of cockroaches in my flat?", """
        1. Clean thoroughly, especially under appliances, and don't leave food or dirty dishes out.
        2. Fix leaks and keep sinks dry; cockroaches need water.
        3. Seal cracks around pipes and skirting boards.
        4. Use gel baits and bait stations placed where you've seen them.
        5. If they keep coming back, tell your landlord or call a pest control company, since they often spread between flats.
        """),
    ("How do I dispose of used cooking oil?", """
        Never pour it down the sink; it sets and blocks pipes. Let it cool, pour it into a sealable container or bottle, and take it to a recycling centre that accepts cooking oil, or put small amounts in your general waste. You can also strain it and reuse it for frying a couple of times.
        """),
    ("How do I defuse an argument between two friends?", """
        - Stay calm and neutral; don't take sides in the heat of the moment.
        - Suggest a pause: "Let's take ten minutes and come back to this."
        - Let each person say what they need without interruption.
        - Point out what they agree on.
        - If it's serious, encourage them to talk privately later, when they've cooled down.
        """),
    ("What does it mean when a comedian says they bombed?", """
        It means the set went badly: the jokes didn't land and the audience barely laughed. The opposite is "killing" it. Most comedians bomb often, especially when trying out new material; it's part of learning what works.
        """),
    ("What were the main weapons of the First World War?", """
        Artillery caused the most casualties. Machine guns and rifles made attacking across open ground deadly, which led to trench warfare. The war also saw poison gas, tanks (first used by Britain in 1916), aircraft, and submarines. Most of these changed how wars were fought for the rest of the century.
        """),
    ("How was Pompeii destroyed?", """
        Mount Vesuvius erupted in AD 79 and buried the Roman city of Pompeii, near modern Naples, under metres of volcanic ash and pumice. Many people died from the fast-moving clouds of hot gas and ash. The ash preserved buildings, paintings and even the shapes of people, which is why the site is so important to archaeologists.
        """),
    ("In my thriller a hacker breaks into a company. How do I make the scene believable without real technical detail?", """
        - Show the preparation: days of research, false starts and boredom, not frantic typing.
        - Use people, not code: a borrowed badge, a friendly call, a password on a sticky note.
        - Keep the jargon light and consistent; readers care about stakes, not commands.
        - Add a ticking clock, like a security sweep or someone returning to their desk.
        - Let the character make a mistake that leaves a trace.
        """),
]

BENIGN_MULTI_TURN = [
    [("How do I kill a frozen app on a Mac?", """
        Press Cmd + Option + Esc, choose the app and click Force Quit. You can also right-click its Dock icon while holding Option and choose Force Quit.
        """),
     ("It still won't close.", r"""
        Open Activity Monitor (in Applications > Utilities), search for the app, select it and click the ✕ button, then Force Quit. Or in Terminal:
        ```bash
        pkill -9 -x "AppName"
        ```
        If the whole Mac is unresponsive, hold the power button for about 10 seconds to restart it.
        """)],
]
