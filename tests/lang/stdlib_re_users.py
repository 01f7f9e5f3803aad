# Library modules that lean on re: difflib, html, ipaddress, typing.
import difflib, html, ipaddress, typing

print(list(difflib.unified_diff(['a\n', 'b\n', 'c\n'], ['a\n', 'c\n', 'd\n'], 'x', 'y')))
print(difflib.SequenceMatcher(None, 'abcd', 'bcde').ratio(), difflib.get_close_matches('appel', ['ape', 'apple', 'peach']))
print(html.escape('<a href="x">&</a>'), html.unescape('&lt;&amp;&#65;&#x42;&eacute;&notanentity; &copy'))
net = ipaddress.ip_network('192.168.0.0/28')
print(ipaddress.ip_address('192.168.0.1') in net, list(net.hosts())[:3], ipaddress.ip_address('::ffff:1.2.3.4'))
print(ipaddress.ip_interface('10.0.0.5/24').network, ipaddress.IPv6Address('2001:db8::1').exploded)
for bad in ['1.2.3', '::g', '300.1.1.1']:
    try:
        ipaddress.ip_address(bad)
    except ValueError as e:
        print('ValueError:', e)
print(typing.Optional[int], typing.List[typing.Dict[str, int]], typing.Union[int, str, None])
# difflib sorts namedtuples: tuple subclasses compare as tuples
import collections
M = collections.namedtuple('M', 'a b')
class T(tuple):
    pass
print(M(1, 2) < M(1, 3), sorted([M(2, 1), M(1, 2)]), T((1,)) < T((2,)), (1,) < T((2,)), T((3,)) >= (3,))
