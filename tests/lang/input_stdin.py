# input() reads lines from stdin
name = input("name? ")
age = int(input())
print(f"hello {name}, next year you are {age + 1}")
rest = []
while True:
    try:
        line = input()
    except EOFError:
        break
    rest.append(line)
print(rest)
