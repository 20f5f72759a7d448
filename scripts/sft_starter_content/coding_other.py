"""More coding content for scripts/make_sft_starter.py: JavaScript, SQL, shell and git.

(prompt, answer) pairs and two two-turn chats. SQL uses standard syntax unless a dialect is named.
Raw strings, so backslashes in code stay as written.
"""

CODING_OTHER = [
    ("How do I add an item to the end of an array in JavaScript?", r"""
        ```javascript
        const fruits = ["apple", "banana"];
        fruits.push("cherry");
        console.log(fruits); // ["apple", "banana", "cherry"]
        ```
        `unshift` adds to the start instead. To get a new array without changing the old one, use `[...fruits, "cherry"]`.
        """),
    ("How do I loop over the keys and values of an object in JavaScript?", r"""
        ```javascript
        const ages = { ana: 31, ben: 27 };
        for (const [name, age] of Object.entries(ages)) {
          console.log(`${name} is ${age}`);
        }
        ```
        `Object.keys(ages)` and `Object.values(ages)` give just the keys or just the values.
        """),
    ("How do I fetch JSON from an API in JavaScript?", r"""
        ```javascript
        async function getUser(id) {
          const response = await fetch(`https://api.example.com/users/${id}`);
          if (!response.ok) {
            throw new Error(`HTTP ${response.status}`);
          }
          return response.json();
        }
        ```
        `fetch` only rejects on network errors, so check `response.ok` yourself for 404s and 500s.
        """),
    ("What's the difference between let, const and var in JavaScript?", """
        - `const`: block-scoped, and can't be reassigned (though an object it points to can still be changed).
        - `let`: block-scoped, and can be reassigned.
        - `var`: function-scoped and hoisted, which causes surprising bugs; avoid it in modern code.

        A good default is `const`, switching to `let` only when you need to reassign.
        """),
    ("How do I check if an array contains a value in JavaScript?", r"""
        ```javascript
        const colours = ["red", "green"];
        console.log(colours.includes("green")); // true
        console.log(colours.some(c => c.startsWith("r"))); // true
        ```
        Use `includes` for an exact value and `some` for a condition.
        """),
    ("How do I convert a string to a number in JavaScript?", r"""
        ```javascript
        Number("42");        // 42
        Number("3.5");       // 3.5
        parseInt("42px", 10); // 42, stops at the first non-digit
        Number("abc");       // NaN
        ```
        Check the result with `Number.isNaN(value)` before using it.
        """),
    ("Why does sorting numbers in JavaScript give the wrong order?", r"""
        `sort()` compares items as strings by default, so `[10, 9, 1].sort()` gives `[1, 10, 9]`. Pass a compare function:
        ```javascript
        const numbers = [10, 9, 1];
        numbers.sort((a, b) => a - b); // [1, 9, 10]
        ```
        Use `b - a` for descending order.
        """),
    ("How do I remove duplicates from an array in JavaScript?", r"""
        ```javascript
        const values = [1, 2, 2, 3, 1];
        const unique = [...new Set(values)];
        console.log(unique); // [1, 2, 3]
        ```
        A `Set` keeps only unique values and remembers insertion order, so the first occurrence of each value wins.
        """),
    ("How do I run code when a button is clicked in JavaScript?", r"""
        ```javascript
        const button = document.querySelector("#save");
        button.addEventListener("click", () => {
          console.log("Saved!");
        });
        ```
        Run this after the page has loaded, for example in a script tag with `defer`, so the button exists when the code runs.
        """),
    ("How do I join two tables in SQL?", r"""
        ```sql
        SELECT orders.id, customers.name, orders.total
        FROM orders
        JOIN customers ON customers.id = orders.customer_id;
        ```
        `JOIN` (an inner join) keeps only rows that match in both tables. Use `LEFT JOIN` to keep every order even if its customer is missing.
        """),
    ("How do I find duplicate email addresses in a SQL table?", r"""
        ```sql
        SELECT email, COUNT(*) AS copies
        FROM users
        GROUP BY email
        HAVING COUNT(*) > 1;
        ```
        Group by the column, then use `HAVING` to keep groups with more than one row. Use `LOWER(email)` in both places to ignore case.
        """),
    ("How do I update a row in SQL?", r"""
        ```sql
        UPDATE products
        SET price = 12.50
        WHERE id = 42;
        ```
        Always include a `WHERE` clause; without it, every row is updated. Running the same condition as a `SELECT` first shows what will change.
        """),
    ("How do I delete rows older than 30 days in PostgreSQL?", r"""
        ```sql
        DELETE FROM logs
        WHERE created_at < NOW() - INTERVAL '30 days';
        ```
        Run a `SELECT COUNT(*)` with the same `WHERE` first to see how many rows will go, and do it inside a transaction if you want to be able to roll back.
        """),
    ("How do I create a table in SQL?", r"""
        ```sql
        CREATE TABLE books (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            author TEXT,
            published_year INTEGER
        );
        ```
        `PRIMARY KEY` makes `id` unique, and `NOT NULL` makes a title required. Exact types vary a little between databases.
        """),
    ("What's the difference between WHERE and HAVING in SQL?", """
        `WHERE` filters rows before grouping; `HAVING` filters groups after `GROUP BY`. For example, `WHERE year = 2024` keeps only that year's sales, and then `HAVING SUM(amount) > 1000` keeps only the customers whose total is over 1000. You can't use aggregate functions like `SUM` in `WHERE`.
        """),
    ("How do I see what I've changed in git before committing?", r"""
        ```bash
        git status          # which files changed
        git diff            # changes not yet staged
        git diff --staged   # changes staged for the next commit
        ```
        """),
    ("How do I throw away my local changes to one file in git?", r"""
        ```bash
        git restore path/to/file
        ```
        This resets the file to the last commit, and the changes are lost for good. If you staged it already, run `git restore --staged path/to/file` first. On older git versions, use `git checkout -- path/to/file`.
        """),
    ("How do I delete a git branch locally and on the remote?", r"""
        ```bash
        git branch -d feature-x                 # delete a merged local branch
        git branch -D feature-x                 # force-delete an unmerged one
        git push origin --delete feature-x      # delete it on the remote
        ```
        You can't delete the branch you're on; switch to another first with `git switch main`.
        """),
    ("How do I view the commit history in git?", r"""
        ```bash
        git log --oneline            # one line per commit
        git log --oneline --graph    # with branch structure
        git log -p path/to/file      # changes to one file
        ```
        Press `q` to leave the log viewer.
        """),
    ("How do I resolve a merge conflict in git?", """
        1. Run `git status` to see the conflicted files.
        2. Open each one and find the markers `<<<<<<<`, `=======` and `>>>>>>>`.
        3. Edit the section into what it should be and delete the markers.
        4. `git add` each fixed file.
        5. Finish with `git commit` (or `git rebase --continue` if you were rebasing).
        If it gets messy, `git merge --abort` takes you back to before the merge.
        """),
    ("How do I check free disk space from the Linux terminal?", r"""
        ```bash
        df -h              # free space on each mounted disk
        du -sh *           # size of each item in the current folder
        du -sh ~/Downloads # size of one folder
        ```
        `-h` prints human-readable sizes such as 12G.
        """),
    ("How do I search for a word in all files in a folder from the terminal?", r"""
        ```bash
        grep -rn "TODO" .             # recursive, with line numbers
        grep -rni "todo" --include="*.py" .   # case-insensitive, Python files only
        ```
        `-r` searches subfolders, `-n` shows line numbers and `-i` ignores case.
        """),
    ("How do I rename lots of files at once in bash?", r"""
        To change every `.jpeg` extension in a folder to `.jpg`:
        ```bash
        for file in *.jpeg; do
          mv -- "$file" "${file%.jpeg}.jpg"
        done
        ```
        `${file%.jpeg}` strips the old extension. Run it first with `echo mv` instead of `mv` to preview the changes.
        """),
    ("How do I copy a file to a remote server?", r"""
        ```bash
        scp report.pdf user@server.example.com:/home/user/
        scp -r photos/ user@server.example.com:/home/user/   # a whole folder
        ```
        For big or repeated transfers, `rsync -avz photos/ user@server.example.com:/home/user/photos/` only copies what changed.
        """),
    ("How do I run a script every day with cron?", r"""
        Run `crontab -e` and add a line:
        ```bash
        30 6 * * * /home/user/backup.sh >> /home/user/backup.log 2>&1
        ```
        The five fields are minute, hour, day of month, month and day of week, so this runs at 06:30 every day. Use full paths, since cron runs with a minimal environment.
        """),
]

CODING_OTHER_MULTI_TURN = [
    [("How do I read a file line by line in Python?", r"""
        ```python
        with open("data.txt", encoding="utf-8") as file:
            for line in file:
                print(line.rstrip("\n"))
        ```
        Looping over the file reads one line at a time, so it works even for very large files.
        """),
     ("How do I skip blank lines?", r"""
        ```python
        with open("data.txt", encoding="utf-8") as file:
            for line in file:
                if line.strip():
                    print(line.rstrip("\n"))
        ```
        `line.strip()` is an empty string, which counts as false, for lines that contain only whitespace.
        """)],
    [("How do I make a new git repository?", r"""
        ```bash
        mkdir my-project && cd my-project
        git init
        git add .
        git commit -m "Initial commit"
        ```
        """),
     ("How do I push it to GitHub?", r"""
        Create an empty repository on GitHub (without a README), then:
        ```bash
        git remote add origin https://github.com/your-name/my-project.git
        git branch -M main
        git push -u origin main
        ```
        `-u` remembers the remote, so later you can just run `git push`.
        """)],
]
