import sys
sys.displayhook(None)
sys.displayhook([1, 'a'])
print(_)
sys.displayhook('x')
print(repr(_), sys.__displayhook__ is sys.displayhook)
