# json: the pure-Python encoder and decoder (minipy has no _json, on
# purpose), with their options; the scanner and string parsing use re.
# (Messages where json's C and Python versions differ are left out.)
import json

print(json.dumps({'a': [1, 2.5, None, True], 'b': 'é"\n\t\x01'}, indent=2, sort_keys=True))
print(json.dumps([1, {'x': 'y'}], separators=(',', ':'), ensure_ascii=False), json.dumps('日本😀'), json.dumps(float('inf')))
print(json.dumps({1: 'a', 2.5: 'b', None: 'c', True: 'd'}), json.dumps((1, 2)), json.dumps({'k': [{}]}, indent='\t'))
print(json.dumps(object(), default=lambda o: 'obj'), json.dumps({'b': 1, 'a': 2}, sort_keys=True, indent=0))
print(json.loads('{"a": [1, 2.5e3, null, true, "\\u00e9\\n\\ud83d\\ude00"], "b": {"c": -0.5}}'))
print(json.loads('[1, 2.0]', parse_float=str, parse_int=lambda s: int(s) * 10), json.loads('NaN'), json.loads(' [] '))
print(json.loads('{"a": 1, "a": 2}', object_pairs_hook=list), json.loads('{"x": {"y": 1}}', object_hook=lambda d: sorted(d)))
print(json.loads('"\\/"'), json.loads('-0'), json.loads('1E400'), json.loads('[-1.5e-3]'))
for bad in ['{"a" 1}', '[1,]', '', '"abc', '{"a": 1,}', '[1] x', 'tru', '{1: 2}', '[1, 2', 'nul']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print('JSONDecodeError:', e, e.pos, e.lineno, e.colno)
for bad in [lambda: json.dumps({(1, 2): 3}), lambda: json.dumps(object())]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
d = json.JSONDecoder()
print(d.raw_decode('{"a": 1} rest'), json.JSONEncoder(indent=1).encode([1]), list(json.JSONEncoder().iterencode({'a': [1]})))
