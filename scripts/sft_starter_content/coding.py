"""coding content: short, correct snippets in fenced blocks for scripts/make_sft_starter.py.

Python blocks are compiled by tests/test_shipped_sft_data.py. Raw strings, so backslashes in code
stay as written.
"""

CODING = [
    ("How do I read a text file in Python?", r"""
        ```python
        with open("notes.txt", encoding="utf-8") as file:
            content = file.read()
        print(content)
        ```
        The `with` block closes the file for you. To go line by line without loading the whole file, loop over it instead: `for line in file: print(line.rstrip())`.
        """),
    ("Show me a list comprehension that squares the numbers 1 to 10.", r"""
        ```python
        squares = [n * n for n in range(1, 11)]
        print(squares)  # [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]
        ```
        Add a condition to filter, e.g. only the even squares: `[n * n for n in range(1, 11) if n % 2 == 0]`.
        """),
    ("How do I sort a dictionary by its values in Python?", r"""
        ```python
        scores = {"ana": 82, "ben": 95, "cy": 71}
        by_value = dict(sorted(scores.items(), key=lambda item: item[1]))
        print(by_value)  # {'cy': 71, 'ana': 82, 'ben': 95}
        ```
        Pass `reverse=True` to `sorted` for highest first. Dictionaries keep insertion order (Python 3.7+), so the new dict stays sorted.
        """),
    ("How do I count how often each word appears in a text with Python?", r"""
        ```python
        from collections import Counter

        text = "the cat and the hat and the bat"
        counts = Counter(text.split())
        print(counts.most_common(2))  # [('the', 3), ('and', 2)]
        ```
        For real text, lowercase it and strip punctuation first, so "The" and "the," count as the same word.
        """),
    ("How do I remove duplicates from a list but keep the order?", r"""
        ```python
        items = [3, 1, 3, 2, 1]
        unique = list(dict.fromkeys(items))
        print(unique)  # [3, 1, 2]
        ```
        `set(items)` also removes duplicates, but it doesn't keep the original order.
        """),
    ("Write a Python function that checks whether a word is a palindrome.", r"""
        ```python
        def is_palindrome(word: str) -> bool:
            cleaned = word.lower()
            return cleaned == cleaned[::-1]


        print(is_palindrome("Level"))  # True
        print(is_palindrome("hello"))  # False
        ```
        For whole phrases, keep only letters and digits first: `cleaned = "".join(c for c in word.lower() if c.isalnum())`.
        """),
    ("How do I merge two dictionaries in Python?", r"""
        ```python
        defaults = {"color": "blue", "size": "M"}
        overrides = {"size": "L"}
        merged = defaults | overrides
        print(merged)  # {'color': 'blue', 'size': 'L'}
        ```
        The `|` operator needs Python 3.9 or newer; on older versions use `{**defaults, **overrides}`. Where both have a key, the right-hand dictionary wins.
        """),
    ("How do I read a CSV file in Python?", r"""
        ```python
        import csv

        with open("people.csv", newline="", encoding="utf-8") as file:
            for row in csv.DictReader(file):
                print(row["name"], row["age"])
        ```
        `DictReader` uses the header row as keys. Every value comes back as a string, so convert numbers with `int()` or `float()`.
        """),
    ("How do I save a Python dictionary to a JSON file?", r"""
        ```python
        import json

        data = {"name": "Ada", "languages": ["Python", "C"]}
        with open("data.json", "w", encoding="utf-8") as file:
            json.dump(data, file, indent=2)
        ```
        To load it back, open the file for reading and call `json.load(file)`.
        """),
    ("Write FizzBuzz in Python.", r"""
        ```python
        for n in range(1, 101):
            if n % 15 == 0:
                print("FizzBuzz")
            elif n % 3 == 0:
                print("Fizz")
            elif n % 5 == 0:
                print("Buzz")
            else:
                print(n)
        ```
        Checking 15 first matters: multiples of 15 are also multiples of 3 and 5.
        """),
    ("Write a function to compute a factorial in Python.", r"""
        ```python
        def factorial(n: int) -> int:
            if n < 0:
                raise ValueError("n must be non-negative")
            result = 1
            for k in range(2, n + 1):
                result *= k
            return result


        print(factorial(5))  # 120
        ```
        The standard library also has `math.factorial`.
        """),
    ("How can I generate Fibonacci numbers in Python?", r"""
        ```python
        def fibonacci(count: int):
            a, b = 0, 1
            for _ in range(count):
                yield a
                a, b = b, a + b


        print(list(fibonacci(10)))  # [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
        ```
        Using a generator (`yield`) means numbers are produced one at a time, so you can also loop over a very long sequence without storing it.
        """),
    ("How do I flatten a list of lists in Python?", r"""
        ```python
        nested = [[1, 2], [3], [4, 5, 6]]
        flat = [x for sublist in nested for x in sublist]
        print(flat)  # [1, 2, 3, 4, 5, 6]
        ```
        `itertools.chain.from_iterable(nested)` does the same lazily. Both flatten one level only.
        """),
    ("How do I swap two variables in Python?", r"""
        ```python
        a, b = 1, 2
        a, b = b, a
        print(a, b)  # 2 1
        ```
        Python evaluates the right-hand side into a tuple first, so you don't need a temporary variable.
        """),
    ("How do I format a number to two decimal places in Python?", r"""
        ```python
        price = 3.14159
        print(f"{price:.2f}")  # 3.14
        print(f"{1234567.891:,.2f}")  # 1,234,567.89
        ```
        The part after the colon is the format spec: `.2f` means fixed-point with 2 decimals, and `,` adds thousands separators.
        """),
    ("How do I get today's date in Python?", r"""
        ```python
        from datetime import date, datetime

        print(date.today())  # the date, in YYYY-MM-DD form
        print(datetime.now().strftime("%Y-%m-%d %H:%M"))  # date and time
        ```
        `strftime` codes control the format: `%d/%m/%Y` gives day/month/year, for example.
        """),
    ("How do I list all the .txt files in a folder with Python?", r"""
        ```python
        from pathlib import Path

        for path in sorted(Path("documents").glob("*.txt")):
            print(path.name)
        ```
        Use `rglob("*.txt")` instead of `glob` to include subfolders.
        """),
    ("How do I safely convert user input to an integer in Python?", r"""
        ```python
        raw = input("Enter a number: ")
        try:
            number = int(raw)
        except ValueError:
            print(f"{raw!r} is not a whole number")
        else:
            print(number * 2)
        ```
        `int()` raises `ValueError` for text like "abc" or "3.5", so catch that specific error rather than every exception.
        """),
    ("How do I check if a key exists in a Python dictionary?", r"""
        ```python
        ages = {"ana": 31, "ben": 27}
        if "ana" in ages:
            print(ages["ana"])
        print(ages.get("cy", "unknown"))  # unknown
        ```
        `in` checks the keys. `get` returns a default instead of raising `KeyError` when the key is missing.
        """),
    ("Show me a simple Python dataclass.", r"""
        ```python
        from dataclasses import dataclass


        @dataclass
        class Book:
            title: str
            author: str
            pages: int = 0


        book = Book("Field Notes", "Sam Lee", 120)
        print(book)  # Book(title='Field Notes', author='Sam Lee', pages=120)
        ```
        The decorator writes `__init__`, `__repr__` and `__eq__` for you from the annotated fields.
        """),
    ("How do I loop over a list with the index in Python?", r"""
        ```python
        fruits = ["apple", "banana", "cherry"]
        for index, fruit in enumerate(fruits, start=1):
            print(index, fruit)
        ```
        `enumerate` counts from 0 unless you pass `start`.
        """),
    ("How do I loop over two lists at the same time in Python?", r"""
        ```python
        names = ["ana", "ben", "cy"]
        scores = [82, 95, 71]
        for name, score in zip(names, scores):
            print(f"{name}: {score}")
        ```
        `zip` stops at the shorter list; pass `strict=True` (Python 3.10+) to get an error if the lengths differ.
        """),
    ("How do I create a Python virtual environment?", r"""
        ```bash
        python -m venv .venv
        source .venv/bin/activate    # macOS / Linux
        .venv\Scripts\activate       # Windows
        pip install requests         # installs into the environment only
        ```
        Run `deactivate` to leave it. Keep `.venv` out of version control and list your dependencies in `requirements.txt` or `pyproject.toml`.
        """),
    ("How do I make an HTTP GET request in Python?", r"""
        With only the standard library:
        ```python
        import json
        from urllib.request import urlopen

        with urlopen("https://api.example.com/items", timeout=10) as response:
            data = json.load(response)
        print(data)
        ```
        With the popular `requests` package it's `requests.get(url, timeout=10).json()`. Always set a timeout in real code so a slow server can't hang your program.
        """),
    ("How do I parse command-line arguments in Python?", r"""
        ```python
        import argparse

        parser = argparse.ArgumentParser(description="Greet someone.")
        parser.add_argument("name")
        parser.add_argument("--times", type=int, default=1)
        args = parser.parse_args()

        for _ in range(args.times):
            print(f"Hello, {args.name}!")
        ```
        Run it as `python greet.py Ada --times 2`. You get `--help` for free.
        """),
    ("How do I check if a number is prime in Python?", r"""
        ```python
        def is_prime(n: int) -> bool:
            if n < 2:
                return False
            divisor = 2
            while divisor * divisor <= n:
                if n % divisor == 0:
                    return False
                divisor += 1
            return True


        print([n for n in range(20) if is_prime(n)])  # [2, 3, 5, 7, 11, 13, 17, 19]
        ```
        Testing divisors up to the square root is enough: any larger factor pairs with a smaller one already tested.
        """),
    ("How do I generate a random number in Python?", r"""
        ```python
        import random

        print(random.randint(1, 6))        # whole number from 1 to 6, inclusive
        print(random.random())             # float in [0.0, 1.0)
        print(random.choice(["a", "b"]))   # a random element
        ```
        For passwords or security tokens, use the `secrets` module instead, e.g. `secrets.token_hex(16)`.
        """),
    ("How do I time how long some Python code takes?", r"""
        ```python
        import time

        start = time.perf_counter()
        total = sum(range(1_000_000))
        elapsed = time.perf_counter() - start
        print(f"took {elapsed:.3f} s")
        ```
        For small snippets, `python -m timeit "sum(range(1000))"` runs the code many times and gives a more reliable figure.
        """),
    ("How do I find all email addresses in a string with Python?", r"""
        ```python
        import re

        text = "Contact ana@example.com or ben.lee@example.org."
        emails = re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)
        print(emails)  # ['ana@example.com', 'ben.lee@example.org']
        ```
        This pattern catches common addresses. Fully validating email addresses with a regex isn't practical; to be sure an address works, send a confirmation email.
        """),
    ("How do I write a simple unit test with pytest?", r"""
        ```python
        # test_math_utils.py
        def add(a, b):
            return a + b


        def test_add():
            assert add(2, 3) == 5
            assert add(-1, 1) == 0
        ```
        Run `pytest` in that folder. It collects files named `test_*.py` and runs the functions whose names start with `test_`.
        """),
    ("How do I reverse a string in JavaScript?", r"""
        ```javascript
        const text = "hello";
        const reversed = [...text].reverse().join("");
        console.log(reversed); // "olleh"
        ```
        Spreading the string into an array (`[...text]`) splits it by code point, so it copes with many emoji better than `text.split("")`.
        """),
    ("How do I filter and map an array in JavaScript?", r"""
        ```javascript
        const numbers = [1, 2, 3, 4, 5, 6];
        const doubledEvens = numbers.filter(n => n % 2 === 0).map(n => n * 2);
        console.log(doubledEvens); // [4, 8, 12]
        ```
        Both return new arrays and leave `numbers` unchanged.
        """),
    ("Write an SQL query to get the five highest-paid employees.", r"""
        ```sql
        SELECT name, salary
        FROM employees
        ORDER BY salary DESC
        LIMIT 5;
        ```
        SQL Server doesn't support `LIMIT`; there, write `SELECT TOP 5 name, salary FROM employees ORDER BY salary DESC;`.
        """),
    ("How do I count rows per category in SQL?", r"""
        ```sql
        SELECT category, COUNT(*) AS n
        FROM products
        GROUP BY category
        ORDER BY n DESC;
        ```
        Add `HAVING COUNT(*) > 10` after the `GROUP BY` line to keep only the larger groups.
        """),
    ("How do I count the lines in a file from the terminal?", r"""
        ```bash
        wc -l notes.txt
        ```
        `wc -l` counts newline characters, so if the last line doesn't end with a newline it reports one fewer. In Windows PowerShell: `(Get-Content notes.txt).Count`.
        """),
    ("How do I find all .log files in a folder and its subfolders from the command line?", r"""
        ```bash
        find . -name "*.log"
        ```
        Add `-mtime -1` to show only files modified in the last day, or `-size +10M` for files over 10 MB. Quote the pattern so the shell doesn't expand it first.
        """),
    ("How do I undo my last git commit but keep the changes?", r"""
        ```bash
        git reset --soft HEAD~1
        ```
        The commit disappears and its changes stay staged. If you already pushed the commit and others use the branch, run `git revert HEAD` instead, which adds a new commit that undoes it.
        """),
    ("How do I create and switch to a new git branch?", r"""
        ```bash
        git switch -c feature/login-form
        ```
        On older versions of git, use `git checkout -b feature/login-form`. Push it with `git push -u origin feature/login-form`.
        """),
    ("How do I remove whitespace from the start and end of a string in Python?", r"""
        ```python
        raw = "   hello world \n"
        print(repr(raw.strip()))   # 'hello world'
        print(repr(raw.lstrip()))  # 'hello world \n'
        ```
        `strip` removes spaces, tabs and newlines from both ends; `lstrip` and `rstrip` do one end only.
        """),
    ("How do I join a list of strings with commas in Python?", r"""
        ```python
        words = ["red", "green", "blue"]
        print(", ".join(words))  # red, green, blue
        ```
        `join` only accepts strings, so convert other items first: `", ".join(map(str, numbers))`.
        """),
    ("How do I write text to a file in Python?", r"""
        ```python
        lines = ["first line", "second line"]
        with open("output.txt", "w", encoding="utf-8") as file:
            for line in lines:
                file.write(line + "\n")
        ```
        Mode `"w"` replaces the file's contents; use `"a"` to append instead.
        """),
    ("How do I get the largest and smallest values in a Python list?", r"""
        ```python
        temperatures = [18, 23, 15, 27, 21]
        print(max(temperatures), min(temperatures))  # 27 15
        ```
        Both accept `key=`, e.g. `max(words, key=len)` gives the longest word, and `default=` for lists that might be empty.
        """),
    ("How do I sort a list of dictionaries by a field in Python?", r"""
        ```python
        people = [{"name": "Ana", "age": 31}, {"name": "Ben", "age": 27}]
        people.sort(key=lambda person: person["age"])
        print([p["name"] for p in people])  # ['Ben', 'Ana']
        ```
        `sort` changes the list in place; `sorted(people, key=...)` returns a new list.
        """),
    ("What's the difference between a list and a tuple in Python?", r"""
        A list is mutable: you can add, remove and change items. A tuple is immutable: once created, it can't change.
        ```python
        point = (3, 4)       # tuple: a fixed group of values
        scores = [90, 85]    # list: a collection that can grow
        scores.append(77)
        ```
        Use tuples for fixed groups like coordinates or as dictionary keys, and lists for collections you'll modify.
        """),
    ("How do I convert a string to a date in Python?", r"""
        ```python
        from datetime import datetime

        moment = datetime.strptime("2024-03-15 14:30", "%Y-%m-%d %H:%M")
        print(moment.year, moment.month)  # 2024 3
        ```
        For ISO-format dates, `date.fromisoformat("2024-03-15")` is simpler.
        """),
]

CODING_MULTI_TURN = [
    [("How do I reverse a string in Python?", r"""
        ```python
        text = "hello"
        print(text[::-1])  # olleh
        ```
        The slice `[::-1]` walks through the string backwards. `"".join(reversed(text))` works too.
        """),
     ("And how do I reverse the order of the words in a sentence?", r"""
        ```python
        sentence = "the quick brown fox"
        print(" ".join(sentence.split()[::-1]))  # fox brown quick the
        ```
        `split()` breaks the sentence into words, `[::-1]` reverses the list, and `join` glues the words back together with spaces.
        """)],
]
