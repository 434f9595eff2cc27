"""Embedding Liaison in Python: import a network, then ask about Ann (1) and Hal (8)."""
import sys
import liaison

g = liaison.import_graph(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None)
p = g.paths(1, 8, k=5)
print(f"Ann -> Hal: {p.hops} hops, {p.count} shortest paths")
for path in p.paths:
    print(f"  warmth {path.warmth:.3f}: " + " ".join(map(str, path.members)))
print("degree:", g.degree(1, 8).degree, "mutual:", g.mutual(1, 8))
print("suggest for Ann:", [(s.member, s.mutual) for s in g.suggest(1, k=3, score="jaccard")])
