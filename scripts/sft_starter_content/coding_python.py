"""More coding content for scripts/make_sft_starter.py: short Python answers.

(prompt, answer) pairs; every ```python block compiles (tests/test_shipped_sft_data.py) and the
printed results in comments were checked by running the snippets. Raw strings, so backslashes
in code stay as written.
"""

CODING_PYTHON = [
    ("How do I check if a string contains a substring in Python?", r"""
        ```python
        text = "The quick brown fox"
        print("brown" in text)          # True
        print("Brown" in text)          # False: it's case-sensitive
        print("brown" in text.lower())  # case-insensitive check
        ```
        Use `text.find("brown")` if you also need the position; it returns -1 when the substring isn't there.
        """),
    ("How do I find the items two lists have in common in Python?", r"""
        ```python
        a = [1, 2, 3, 4]
        b = [3, 4, 5]
        common = set(a) & set(b)
        print(common)  # {3, 4}
        ```
        Sets ignore order and duplicates. To keep the order of `a`, use `[x for x in a if x in set(b)]`.
        """),
    ("How do I split a string into words in Python?", r"""
        ```python
        sentence = "split me into words"
        words = sentence.split()
        print(words)  # ['split', 'me', 'into', 'words']
        ```
        `split()` with no argument splits on any run of whitespace. Pass a separator for other formats: `"a,b,c".split(",")` gives `['a', 'b', 'c']`.
        """),
    ("How do I capitalise the first letter of every word in Python?", r"""
        ```python
        title = "the lord of the rings"
        print(title.title())  # The Lord Of The Rings
        ```
        `str.title()` treats apostrophes as word breaks ("don't" becomes "Don'T"). `string.capwords(title)` splits on spaces only, so it avoids that.
        """),
    ("How do I read a JSON file in Python?", r"""
        ```python
        import json

        with open("config.json", encoding="utf-8") as file:
            data = json.load(file)
        print(data["name"])
        ```
        `json.load` reads from a file; `json.loads` parses a string. JSON objects become dictionaries and arrays become lists.
        """),
    ("How do I write a CSV file in Python?", r"""
        ```python
        import csv

        rows = [{"name": "Ana", "age": 31}, {"name": "Ben", "age": 27}]
        with open("people.csv", "w", newline="", encoding="utf-8") as file:
            writer = csv.DictWriter(file, fieldnames=["name", "age"])
            writer.writeheader()
            writer.writerows(rows)
        ```
        `newline=""` stops blank lines appearing between rows on Windows.
        """),
    ("How do I check if a file exists in Python?", r"""
        ```python
        from pathlib import Path

        path = Path("report.txt")
        if path.exists():
            print("found it")
        ```
        Use `path.is_file()` or `path.is_dir()` to check the kind too.
        """),
    ("How do I create a folder in Python if it doesn't already exist?", r"""
        ```python
        from pathlib import Path

        Path("output/images").mkdir(parents=True, exist_ok=True)
        ```
        `parents=True` creates any missing parent folders, and `exist_ok=True` means no error if it's already there.
        """),
    ("How do I move a file to another folder in Python?", r"""
        ```python
        import shutil
        from pathlib import Path

        Path("archive").mkdir(exist_ok=True)
        shutil.move("report.pdf", "archive/report.pdf")
        ```
        `shutil.move` works across drives too. Within the same drive, `Path("report.pdf").rename("archive/report.pdf")` is enough.
        """),
    ("How do I pause a Python script for a few seconds?", r"""
        ```python
        import time

        print("waiting...")
        time.sleep(2.5)  # seconds; fractions are fine
        print("done")
        ```
        In async code, use `await asyncio.sleep(2.5)` instead, so other tasks can run meanwhile.
        """),
    ("How do I find the number of days between two dates in Python?", r"""
        ```python
        from datetime import date

        start = date(2024, 1, 15)
        end = date(2024, 3, 1)
        print((end - start).days)  # 46
        ```
        Subtracting dates gives a `timedelta`; its `.days` attribute is the whole number of days.
        """),
    ("How do I format a date as a string in Python?", r"""
        ```python
        from datetime import datetime

        now = datetime(2024, 7, 4, 9, 30)
        print(now.strftime("%d/%m/%Y %H:%M"))  # 04/07/2024 09:30
        print(now.strftime("%A %d %B"))        # Thursday 04 July
        ```
        `%Y` is the year, `%m` the month, `%d` the day, `%H:%M` hours and minutes. `now.isoformat()` gives the standard `2024-07-04T09:30:00`.
        """),
    ("How do I round a number up in Python?", r"""
        ```python
        import math

        print(math.ceil(4.2))   # 5
        print(math.floor(4.8))  # 4
        print(round(4.567, 2))  # 4.57
        ```
        `ceil` always rounds up and `floor` always down. Note that `round(2.5)` gives 2, because Python rounds halves to the nearest even number.
        """),
    ("How do I check if a string is a valid number in Python?", r"""
        ```python
        def is_number(text):
            try:
                float(text)
                return True
            except ValueError:
                return False

        print(is_number("3.14"), is_number("-2"), is_number("abc"))  # True True False
        ```
        `"42".isdigit()` works for whole non-negative numbers only; it's False for "-2" and "3.14".
        """),
    ("How do I remove an item from a list by its value in Python?", r"""
        ```python
        fruits = ["apple", "banana", "cherry", "banana"]
        fruits.remove("banana")   # removes the first match only
        print(fruits)             # ['apple', 'cherry', 'banana']

        fruits = [f for f in fruits if f != "banana"]  # removes every match
        ```
        `remove` raises `ValueError` if the value isn't in the list.
        """),
    ("How do I get the last item of a list in Python?", r"""
        ```python
        items = [10, 20, 30]
        print(items[-1])   # 30
        print(items[-2:])  # [20, 30], the last two
        ```
        Negative indexes count from the end. `items[-1]` raises `IndexError` on an empty list, so check `if items:` first when it might be empty.
        """),
    ("How do I count how many times a value appears in a Python list?", r"""
        ```python
        votes = ["yes", "no", "yes", "yes"]
        print(votes.count("yes"))  # 3
        ```
        To count every value at once, use `collections.Counter(votes)`, which gives `Counter({'yes': 3, 'no': 1})`.
        """),
    ("How do I get the sum and average of a list of numbers in Python?", r"""
        ```python
        from statistics import mean

        scores = [72, 85, 90, 66]
        print(sum(scores))    # 313
        print(mean(scores))   # 78.25
        ```
        Without the import, `sum(scores) / len(scores)` gives the same average, but fails on an empty list.
        """),
    ("Show me how to write a simple class in Python.", r"""
        ```python
        class BankAccount:
            def __init__(self, owner, balance=0):
                self.owner = owner
                self.balance = balance

            def deposit(self, amount):
                self.balance += amount
                return self.balance

        account = BankAccount("Ana")
        print(account.deposit(50))  # 50
        ```
        `__init__` sets up each new object, and `self` is the object a method is called on.
        """),
    ("Why shouldn't I use a list as a default argument in Python?", r"""
        The default is created once, when the function is defined, so every call shares the same list:
        ```python
        def add_item(item, items=None):
            if items is None:
                items = []  # a fresh list on every call
            items.append(item)
            return items

        print(add_item("a"), add_item("b"))  # ['a'] ['b']
        ```
        With `items=[]` instead, the second call would return `['a', 'b']`.
        """),
    ("What does if __name__ == \"__main__\": do in Python?", r"""
        It runs code only when the file is executed directly, not when it's imported:
        ```python
        def main():
            print("running as a script")

        if __name__ == "__main__":
            main()
        ```
        Python sets `__name__` to `"__main__"` for the file you run, and to the module's name when it's imported, so other files can reuse its functions without triggering `main()`.
        """),
    ("How do I handle errors with try and except in Python?", r"""
        ```python
        try:
            number = int(input("Enter a number: "))
        except ValueError:
            print("That wasn't a whole number.")
        else:
            print(f"Double is {number * 2}")
        finally:
            print("Done.")
        ```
        `else` runs only if no error happened, and `finally` always runs. Catch specific exceptions rather than a bare `except:`.
        """),
    ("How do I define my own exception in Python?", r"""
        ```python
        class InsufficientFunds(Exception):
            pass

        def withdraw(balance, amount):
            if amount > balance:
                raise InsufficientFunds(f"need {amount}, have {balance}")
            return balance - amount
        ```
        Callers can then catch it specifically with `except InsufficientFunds as error:`.
        """),
    ("What is a lambda in Python?", r"""
        A lambda is a small anonymous function written in one expression:
        ```python
        square = lambda x: x * x
        print(square(5))  # 25

        pairs = [("b", 2), ("a", 1)]
        print(sorted(pairs, key=lambda pair: pair[1]))  # [('a', 1), ('b', 2)]
        ```
        They're handy as `key` functions. For anything longer, a normal `def` is clearer.
        """),
    ("How do I write a generator in Python?", r"""
        Use `yield` instead of `return`; the function then produces values one at a time:
        ```python
        def countdown(n):
            while n > 0:
                yield n
                n -= 1

        print(list(countdown(3)))  # [3, 2, 1]
        ```
        Generators don't build the whole sequence in memory, so they suit large or endless streams.
        """),
    ("How do f-strings work in Python?", r"""
        Put an `f` before the string and expressions in braces:
        ```python
        name, price = "tea", 2.5
        print(f"{name} costs £{price:.2f}")  # tea costs £2.50
        print(f"{name.upper()} x3 = {price * 3}")  # TEA x3 = 7.5
        print(f"{price=}")  # price=2.5
        ```
        After a colon you can add a format spec, such as `.2f` for two decimal places.
        """),
    ("How do I print a number with thousands separators in Python?", r"""
        ```python
        n = 1234567.891
        print(f"{n:,.2f}")   # 1,234,567.89
        print(f"{7654321:,}")  # 7,654,321
        ```
        The `,` in the format spec adds the separators. For locale-specific formats, such as dots in German, use the `locale` module or the Babel library.
        """),
    ("How do I build a dictionary from a list of keys and a list of values in Python?", r"""
        ```python
        names = ["ana", "ben", "cy"]
        scores = [82, 95, 71]
        table = dict(zip(names, scores))
        print(table)  # {'ana': 82, 'ben': 95, 'cy': 71}
        ```
        `zip` pairs the items up and stops at the shorter list, so check the lengths match if a missing value would be a bug.
        """),
    ("How do I find the position of an item in a Python list?", r"""
        ```python
        colours = ["red", "green", "blue"]
        print(colours.index("blue"))  # 2
        ```
        `index` raises `ValueError` if the item is missing, so check with `if "blue" in colours:` first, or use `[i for i, c in enumerate(colours) if c == "blue"]` to get every position.
        """),
    ("How do I split a list into chunks of a fixed size in Python?", r"""
        ```python
        def chunks(items, size):
            return [items[i:i + size] for i in range(0, len(items), size)]

        print(chunks([1, 2, 3, 4, 5, 6, 7], 3))  # [[1, 2, 3], [4, 5, 6], [7]]
        ```
        In Python 3.12 and later, `itertools.batched(items, 3)` does the same lazily, yielding tuples.
        """),
    ("How do I check which Python version I'm running?", r"""
        From the terminal, run `python --version` (or `python3 --version`). Inside a script:
        ```python
        import sys

        print(sys.version)
        print(sys.version_info >= (3, 10))  # True on 3.10 or newer
        ```
        """),
    ("How do I replace text in a string in Python?", r"""
        ```python
        text = "I like cats. cats are great."
        print(text.replace("cats", "dogs"))     # I like dogs. dogs are great.
        print(text.replace("cats", "dogs", 1))  # only the first match
        ```
        Strings are immutable, so `replace` returns a new string; assign it if you want to keep it. For patterns, use `re.sub`.
        """),
    ("How do I ask the user for input in Python?", r"""
        ```python
        name = input("What's your name? ")
        age = int(input("How old are you? "))
        print(f"Hi {name}, next year you'll be {age + 1}.")
        ```
        `input` always returns a string, so convert it with `int()` or `float()` for numbers; wrap that in `try`/`except ValueError` in case the user types something else.
        """),
    ("Show me a while loop in Python.", r"""
        ```python
        count = 3
        while count > 0:
            print(count)
            count -= 1
        print("Lift off!")
        ```
        The loop runs as long as the condition is true. Use `break` to leave early, and make sure something changes each time so it doesn't loop forever.
        """),
    ("How do I transpose a matrix in plain Python?", r"""
        ```python
        matrix = [[1, 2, 3],
                  [4, 5, 6]]
        transposed = [list(row) for row in zip(*matrix)]
        print(transposed)  # [[1, 4], [2, 5], [3, 6]]
        ```
        `zip(*matrix)` pairs up the first items of each row, then the second, and so on. With NumPy, it's just `array.T`.
        """),
    ("How do I find the greatest common divisor of two numbers in Python?", r"""
        ```python
        import math

        print(math.gcd(48, 18))  # 6

        def gcd(a, b):
            while b:
                a, b = b, a % b
            return a
        ```
        The hand-written version is Euclid's algorithm: replace the pair with (b, a mod b) until the remainder is 0.
        """),
    ("How do I use logging instead of print in Python?", r"""
        ```python
        import logging

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
        log = logging.getLogger(__name__)

        log.info("starting")
        log.warning("disk almost full")
        ```
        Unlike `print`, you can change the level to hide debug messages or send output to a file with `filename="app.log"` in `basicConfig`.
        """),
    ("How do I add type hints to a Python function?", r"""
        ```python
        def average(values: list[float]) -> float:
            return sum(values) / len(values)

        def greet(name: str, excited: bool = False) -> str:
            return f"Hi {name}{'!' if excited else '.'}"
        ```
        Hints don't change how the code runs; tools such as mypy and your editor use them to catch mistakes. `list[float]` needs Python 3.9 or newer.
        """),
    ("How do I run a shell command from Python?", r"""
        ```python
        import subprocess

        result = subprocess.run(["ls", "-l"], capture_output=True, text=True, check=True)
        print(result.stdout)
        ```
        Passing a list avoids shell quoting problems. `check=True` raises an error if the command fails.
        """),
    ("How do I read an environment variable in Python?", r"""
        ```python
        import os

        home = os.environ.get("HOME")
        debug = os.environ.get("DEBUG", "0") == "1"
        print(home, debug)
        ```
        `os.environ.get` returns `None` (or your default) if the variable isn't set, while `os.environ["NAME"]` raises `KeyError`.
        """),
    ("How do I sort a list of strings ignoring case in Python?", r"""
        ```python
        names = ["bob", "Alice", "carol", "Dave"]
        print(sorted(names))                 # ['Alice', 'Dave', 'bob', 'carol']
        print(sorted(names, key=str.lower))  # ['Alice', 'bob', 'carol', 'Dave']
        ```
        By default, capital letters sort before lowercase ones. `key=str.casefold` is even better for non-English text.
        """),
    ("How do I get the current time in Python?", r"""
        ```python
        from datetime import datetime

        now = datetime.now()
        print(now.strftime("%H:%M:%S"))
        ```
        For a time zone-aware timestamp, use `datetime.now(timezone.utc)` after `from datetime import timezone`.
        """),
    ("How do I check if all items in a Python list meet a condition?", r"""
        ```python
        ages = [21, 34, 19, 45]
        print(all(age >= 18 for age in ages))  # True
        print(any(age > 40 for age in ages))   # True
        ```
        `all` is True when every item passes; `any` is True when at least one does. Both stop as soon as the answer is known.
        """),
    ("How do I get the unique characters in a string in Python?", r"""
        ```python
        word = "banana"
        print(set(word))                  # {'b', 'a', 'n'} in some order
        print("".join(dict.fromkeys(word)))  # ban, keeping first-seen order
        ```
        A set is unordered; `dict.fromkeys` keeps the order in which characters first appear.
        """),
    ("How do I convert a list of strings to integers in Python?", r"""
        ```python
        values = ["3", "14", "15"]
        numbers = [int(value) for value in values]
        print(numbers)  # [3, 14, 15]
        ```
        `list(map(int, values))` does the same. Either raises `ValueError` if a string isn't a whole number.
        """),
    ("How do I safely read a value from a nested dictionary in Python?", r"""
        ```python
        user = {"profile": {"address": {"city": "Leeds"}}}
        city = user.get("profile", {}).get("address", {}).get("city")
        print(city)  # Leeds
        ```
        Each `.get(key, {})` returns an empty dict instead of raising `KeyError` when a level is missing, so the result is `None` rather than a crash.
        """),
    ("What do *args and **kwargs mean in Python?", r"""
        They let a function accept any number of extra arguments:
        ```python
        def describe(*args, **kwargs):
            print(args)    # positional extras, as a tuple
            print(kwargs)  # keyword extras, as a dict

        describe(1, 2, colour="red")  # (1, 2) then {'colour': 'red'}
        ```
        The names are just convention; the `*` and `**` do the work.
        """),
    ("How do I copy a list in Python without changing the original?", r"""
        ```python
        import copy

        original = [[1, 2], [3, 4]]
        shallow = original.copy()         # new outer list, same inner lists
        deep = copy.deepcopy(original)    # copies everything

        deep[0].append(99)
        print(original)  # [[1, 2], [3, 4]], unchanged
        ```
        Plain assignment (`b = original`) copies nothing; both names point to the same list. For a flat list, `.copy()` is enough.
        """),
    ("How do I centre a div in CSS?", r"""
        With flexbox on the parent:
        ```css
        .parent {
          display: flex;
          justify-content: center;  /* horizontally */
          align-items: center;      /* vertically */
          min-height: 100vh;
        }
        ```
        To centre only horizontally a block with a set width, `margin: 0 auto;` on the div itself also works.
        """),
]
