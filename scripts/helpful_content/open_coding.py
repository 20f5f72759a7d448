'''Hand-written `coding` items: (prompt, good answer, plausible but wrong answer).

A prompt is a string, or a list of turns (user, assistant, user) for a multi-turn item. Every
answer is one lead sentence, one fenced code block and at most one short note. Wrong answers
compile and look reasonable but have a real bug: an off-by-one range, a missing rule, integer
division, the wrong method. tests/test_shipped_helpful_data.py compiles every Python block.
'''

CODING = [
    ("How do I check if a string contains only digits in Python?", '''
        Use the string method `isdigit()`:

        ```python
        code = "2024"
        print(code.isdigit())   # True
        print("20a4".isdigit())  # False
        ```

        An empty string gives False. For numbers with a sign or a decimal point, try converting with `float()` instead.
        ''', '''
        Use `isalpha()`, which checks for numeric characters:

        ```python
        code = "2024"
        print(code.isalpha())
        ```

        This prints True when every character is a digit.
        '''),
    ("Write a Python function that returns the sum of the even numbers in a list.", '''
        Filter with `% 2 == 0` and add them up:

        ```python
        def sum_even(numbers):
            return sum(n for n in numbers if n % 2 == 0)

        print(sum_even([1, 2, 3, 4, 10]))  # 16
        ```
        ''', '''
        Filter with `% 2` and add them up:

        ```python
        def sum_even(numbers):
            return sum(n for n in numbers if n % 2)

        print(sum_even([1, 2, 3, 4, 10]))
        ```
        '''),
    ("How do I count the vowels in a string in Python?", '''
        Loop over the lower-cased text and count letters found in a vowel string:

        ```python
        def count_vowels(text):
            return sum(1 for letter in text.lower() if letter in "aeiou")

        print(count_vowels("Programming is fun"))  # 5
        ```
        ''', '''
        Count the letters that are in a vowel string:

        ```python
        def count_vowels(text):
            return sum(1 for letter in text if letter in "aeiou")

        print(count_vowels("Programming Is Fun"))
        ```

        This counts every vowel, capital or not.
        '''),
    ("How do I get the last element of a list in Python?", '''
        Use index `-1`; negative indexes count from the end:

        ```python
        colours = ["red", "green", "blue"]
        print(colours[-1])  # blue
        ```

        On an empty list this raises IndexError, so check `if colours:` first when the list might be empty.
        ''', '''
        Use the length of the list as the index:

        ```python
        colours = ["red", "green", "blue"]
        print(colours[len(colours)])
        ```
        '''),
    ("How do I convert a list of strings to integers in Python?", '''
        Call `int` on each item with a list comprehension:

        ```python
        strings = ["4", "15", "42"]
        numbers = [int(s) for s in strings]
        print(numbers)  # [4, 15, 42]
        ```

        `int` raises ValueError on text like "4.5" or "abc".
        ''', '''
        Call `str` on each item with a list comprehension:

        ```python
        strings = ["4", "15", "42"]
        numbers = [str(s) for s in strings]
        print(numbers)
        ```
        '''),
    ("Write a Python function that returns the second largest number in a list.", '''
        Remove duplicates, sort, and take the second from the end:

        ```python
        def second_largest(numbers):
            unique = sorted(set(numbers))
            if len(unique) < 2:
                raise ValueError("need at least two different numbers")
            return unique[-2]

        print(second_largest([4, 9, 9, 2]))  # 4
        ```
        ''', '''
        Sort the list and take the second item:

        ```python
        def second_largest(numbers):
            return sorted(numbers)[1]

        print(second_largest([4, 9, 9, 2]))
        ```
        '''),
    ("How do I read a JSON file in Python?", '''
        Open the file and pass it to `json.load`:

        ```python
        import json

        with open("settings.json", encoding="utf-8") as f:
            settings = json.load(f)
        print(settings)
        ```

        `json.loads` (with an s) is for a string, not a file.
        ''', '''
        Open the file and pass it to `json.loads`:

        ```python
        import json

        with open("settings.json") as f:
            settings = json.loads(f)
        print(settings)
        ```
        '''),
    ("How do I check whether a file exists in Python?", '''
        Use `pathlib`:

        ```python
        from pathlib import Path

        path = Path("report.csv")
        if path.is_file():
            print("found it")
        ```

        `path.exists()` is also True for folders; `is_file()` only for files.
        ''', '''
        Try to open it and check the result:

        ```python
        handle = open("report.csv", "w")
        if handle:
            print("found it")
        ```
        '''),
    ("How do I create a dictionary from two lists in Python?", '''
        Pair the lists with `zip` and pass the pairs to `dict`:

        ```python
        keys = ["a", "b", "c"]
        values = [1, 2, 3]
        mapping = dict(zip(keys, values))
        print(mapping)  # {'a': 1, 'b': 2, 'c': 3}
        ```

        `zip` stops at the shorter list.
        ''', '''
        Pass both lists straight to `dict`:

        ```python
        keys = ["a", "b", "c"]
        values = [1, 2, 3]
        mapping = dict(keys + values)
        print(mapping)
        ```
        '''),
    ("How do I round a number down in Python?", '''
        Use `math.floor`:

        ```python
        import math

        print(math.floor(7.8))   # 7
        print(math.floor(-2.3))  # -3
        ```

        `int()` cuts towards zero instead, so `int(-2.3)` is -2.
        ''', '''
        Use `round`, which always rounds down:

        ```python
        print(round(7.8))
        ```
        '''),
    ("How do I remove an item from a list by its value in Python?", '''
        Use `remove`, which deletes the first matching item:

        ```python
        pets = ["cat", "dog", "fish", "dog"]
        pets.remove("dog")
        print(pets)  # ['cat', 'fish', 'dog']
        ```

        It raises ValueError if the value is missing. To remove every copy: `pets = [p for p in pets if p != "dog"]`.
        ''', '''
        Use `pop` with the value:

        ```python
        pets = ["cat", "dog", "fish"]
        pets.pop("dog")
        print(pets)
        ```
        '''),
    ("Write a Python function that checks whether a year is a leap year.", '''
        Divisible by 4, except century years, which must be divisible by 400:

        ```python
        def is_leap(year):
            return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)

        print(is_leap(2024), is_leap(1900), is_leap(2000))  # True False True
        ```
        ''', '''
        A leap year is divisible by 4:

        ```python
        def is_leap(year):
            return year % 4 == 0

        print(is_leap(2024), is_leap(1900))
        ```
        '''),
    ("How do I get the current working directory in Python?", '''
        Use `Path.cwd()` from `pathlib`:

        ```python
        from pathlib import Path

        print(Path.cwd())
        ```

        `os.getcwd()` gives the same path as a plain string.
        ''', '''
        Use `__file__`:

        ```python
        print(__file__)
        ```

        This always gives the folder you ran Python from.
        '''),
    ("How do I print the numbers 1 to 10 in Python?", '''
        Loop over `range(1, 11)`; the end of a range is not included:

        ```python
        for n in range(1, 11):
            print(n)
        ```
        ''', '''
        Loop over `range(1, 10)`:

        ```python
        for n in range(1, 10):
            print(n)
        ```
        '''),
    ("How do I get the number of items in an array in JavaScript?", '''
        Read its `length` property:

        ```javascript
        const fruits = ["apple", "pear", "plum"];
        console.log(fruits.length); // 3
        ```
        ''', '''
        Call its `size()` method:

        ```javascript
        const fruits = ["apple", "pear", "plum"];
        console.log(fruits.size());
        ```
        '''),
    ("How do I select the rows where the price is over 100 in SQL?", '''
        Filter with `WHERE`:

        ```sql
        SELECT *
        FROM products
        WHERE price > 100;
        ```

        Use `>=` if a price of exactly 100 should be included.
        ''', '''
        Filter with `HAVING`:

        ```sql
        SELECT *
        FROM products
        HAVING price < 100;
        ```
        '''),
    ("Write a Python function that converts Celsius to Fahrenheit.", '''
        Multiply by 9/5 and add 32:

        ```python
        def celsius_to_fahrenheit(celsius):
            return celsius * 9 / 5 + 32

        print(celsius_to_fahrenheit(100))  # 212.0
        ```
        ''', '''
        Add 32 and multiply by 9/5:

        ```python
        def celsius_to_fahrenheit(celsius):
            return (celsius + 32) * 9 / 5

        print(celsius_to_fahrenheit(100))
        ```
        '''),
    ("How do I split a string by commas in Python?", '''
        Use `split(",")`, and strip spaces from each part if needed:

        ```python
        line = "red, green, blue"
        parts = [part.strip() for part in line.split(",")]
        print(parts)  # ['red', 'green', 'blue']
        ```
        ''', '''
        Use `split()` with no argument:

        ```python
        line = "red,green,blue"
        parts = line.split()
        print(parts)
        ```

        This splits on commas by default.
        '''),
    ("How do I find the position of an item in a Python list?", '''
        Use the list's `index` method:

        ```python
        letters = ["a", "b", "c"]
        print(letters.index("c"))  # 2
        ```

        Positions start at 0, and `index` raises ValueError if the item isn't there, so check `"c" in letters` first if unsure.
        ''', '''
        Use the list's `find` method:

        ```python
        letters = ["a", "b", "c"]
        print(letters.find("c"))
        ```

        Positions start at 1.
        '''),
    ("Write a while loop in Python that counts down from 5 to 1.", '''
        Decrease the counter each time round:

        ```python
        count = 5
        while count >= 1:
            print(count)
            count -= 1
        ```
        ''', '''
        Print the counter in a loop:

        ```python
        count = 5
        while count >= 1:
            print(count)
            count += 1
        ```
        '''),
    ("How do I add up a column in SQL?", '''
        Use the `SUM` aggregate:

        ```sql
        SELECT SUM(amount) AS total
        FROM orders;
        ```

        Add `GROUP BY customer_id` (and select `customer_id`) to get one total per customer.
        ''', '''
        Use `COUNT`:

        ```sql
        SELECT COUNT(amount) AS total
        FROM orders;
        ```

        This adds up all the amounts.
        '''),
    ("How do I check which version of Python I'm running?", '''
        From a terminal:

        ```bash
        python --version
        ```

        Inside Python, `import sys; print(sys.version)` shows the same. On some systems the command is `python3`.
        ''', '''
        From a terminal:

        ```bash
        python --help
        ```

        The version is the first line of the output.
        '''),
    ("Write a Python function that returns the average of a list of numbers.", '''
        Divide the sum by the count, guarding against an empty list:

        ```python
        def average(numbers):
            if not numbers:
                raise ValueError("average of an empty list")
            return sum(numbers) / len(numbers)

        print(average([2, 3, 4, 5]))  # 3.5
        ```
        ''', '''
        Divide the sum by the count:

        ```python
        def average(numbers):
            return sum(numbers) // len(numbers)

        print(average([2, 3, 4, 5]))
        ```
        '''),
    ("How do I make a string lowercase in JavaScript?", '''
        Call `toLowerCase()`; it returns a new string:

        ```javascript
        const name = "Hello World";
        console.log(name.toLowerCase()); // "hello world"
        ```
        ''', '''
        Call `lower()` on the string:

        ```javascript
        const name = "Hello World";
        name.lower();
        console.log(name);
        ```
        '''),
    (["How do I convert a list of strings to integers in Python?",
      "Use a list comprehension: `numbers = [int(s) for s in strings]`.",
      "What if some of the strings aren't numbers?"], '''
        Skip (or replace) the ones that fail to convert:

        ```python
        def to_ints(strings):
            numbers = []
            for s in strings:
                try:
                    numbers.append(int(s))
                except ValueError:
                    pass  # not a whole number: skip it
            return numbers

        print(to_ints(["4", "x", "15"]))  # [4, 15]
        ```
        ''', '''
        `int` ignores strings that aren't numbers, so the comprehension already works:

        ```python
        numbers = [int(s) for s in ["4", "x", "15"]]
        print(numbers)
        ```
        '''),
]
