"""Tests of the Python binding (python/liaison) over libliaison, with unittest only.

Run by CTest (test `python_liaison`) with LIAISON_LIBRARY = the built library, PYTHONPATH = python/
and LIAISON_TEST_DATA = the directory capi_oracle wrote: graph.liaison, its text form, intro.liaison
and expected.txt, the C++ API's answers (format in tests/capi/capi_oracle.cc). Every record of
expected.txt is replayed through the binding and must match field by field, floats exactly.
"""

import json
import os
import pathlib
import shutil
import struct
import tempfile
import threading
import unittest

import liaison

DATA = pathlib.Path(os.environ.get("LIAISON_TEST_DATA", ""))
FIXTURE = pathlib.Path(__file__).resolve().parents[2] / "datasets" / "fixtures" / "intro_network"
ANN, BOB, CAT, DAN, EVE, FAY, GUS, HAL, IVY, JON, KIM, LEE = range(1, 13)


def _struct_float(text):
    """The float32 value the oracle printed with %.9g (the C API returns a C float)."""
    return struct.unpack("f", struct.pack("f", float(text)))[0]


class Tokens:
    def __init__(self, line):
        self.items = line.split()
        self.at = 0

    def next(self):
        self.at += 1
        return self.items[self.at - 1]

    def int(self):
        return int(self.next())


class ExpectedAnswersTest(unittest.TestCase):
    """expected.txt replayed through the binding, on the snapshot and on the imported text."""

    @classmethod
    def setUpClass(cls):
        if not (DATA / "expected.txt").exists():
            raise unittest.SkipTest("LIAISON_TEST_DATA is not set (run through CTest)")
        cls.lines = (DATA / "expected.txt").read_text().splitlines()

    def replay(self, g):
        checked = 0
        for number, line in enumerate(self.lines, 1):
            with self.subTest(line=number):
                self.replay_one(g, Tokens(line))
                checked += 1
        return checked

    def call(self, t, fn):
        """Runs fn(); returns its value when the record expects OK, else checks the error."""
        try:
            value = fn()
            code = 0
        except liaison.Error as e:
            value, code = None, e.code
            self.assertTrue(e.message)
            self.assertIsInstance(e, liaison._ERRORS[e.code])
        self.assertEqual(t.next(), ":")
        self.assertEqual(code, t.int())
        return value if code == 0 else None

    def replay_one(self, g, t):
        kind = t.next()
        if kind == "degree":
            max_depth, a, b = t.int(), t.int(), t.int()
            r = self.call(t, lambda: g.degree(a, b, max_depth=max_depth))
            if r is not None:
                d = t.int()
                self.assertEqual(r, liaison.Degree(None if d < 0 else d, t.int(), False))
        elif kind == "many":
            max_depth, a, n = t.int(), t.int(), t.int()
            to = [t.int() for _ in range(n)]
            r = self.call(t, lambda: g.degrees(a, to, max_depth=max_depth))
            if r is not None:
                want = []
                for target in to:
                    d, m = t.int(), t.int()
                    want.append(liaison.DegreeTo(target, None if d < 0 else d, m, False))
                self.assertEqual(r, want)
        elif kind == "reach":
            depth, listing, limit = t.int(), t.int(), t.int()
            column, value, a = t.next(), t.next(), t.int()
            where = None if column == "-" else {column: value}
            r = self.call(t, lambda: g.reach(a, depth=depth, list=bool(listing), limit=limit,
                                             where=where))
            if r is not None:
                levels = [t.int() for _ in range(t.int())]
                total = t.int()
                members = [(t.int(), t.int()) for _ in range(t.int())]
                self.assertEqual(r, liaison.Reach(levels, total, members, False))
        elif kind == "paths":
            k, max_hops, longer = t.int(), t.int(), t.int()
            avoid = [t.int() for _ in range(t.int())]
            a, b = t.int(), t.int()
            r = self.call(t, lambda: g.paths(a, b, k=k, max_hops=max_hops,
                                             include_longer=bool(longer), avoid=avoid))
            if r is not None:
                hops, count = t.int(), t.int()
                paths = []
                for _ in range(t.int()):
                    members = [t.int() for _ in range(t.int())]
                    warmth = float(t.next())
                    path_hops = []
                    for _ in range(len(members) - 1):
                        strength, since = _struct_float(t.next()), t.next()
                        path_hops.append(liaison.Hop(strength, None if since == "-" else since))
                    paths.append(liaison.Path(members, warmth, path_hops))
                self.assertEqual(r, liaison.Paths(None if hops < 0 else hops, count, paths,
                                                  False))
        elif kind == "mutual":
            a, b = t.int(), t.int()
            r = self.call(t, lambda: g.mutual(a, b))
            if r is not None:
                self.assertEqual(r, [t.int() for _ in range(t.int())])
        elif kind == "suggest":
            k, score, hub_cap, a = t.int(), t.next(), t.int(), t.int()
            r = self.call(t, lambda: g.suggest(a, k=k, score=score, hub_cap=hub_cap))
            if r is not None:
                want = []
                for _ in range(t.int()):
                    member, mutual, s = t.int(), t.int(), float(t.next())
                    want.append(liaison.Suggestion(member, mutual, s,
                                                   [t.int() for _ in range(t.int())]))
                self.assertEqual(list(r), want)
                self.assertFalse(r.truncated)
        else:
            self.fail(f"unknown record {kind}")

    def test_snapshot_answers_equal_the_cpp_api(self):
        with liaison.open(DATA / "graph.liaison") as g:
            self.assertGreater(self.replay(g), 400)

    def test_imported_text_answers_equal_the_cpp_api(self):
        with liaison.import_graph(DATA / "connections.tsv", DATA / "members.tsv") as g:
            self.assertGreater(self.replay(g), 400)


class GraphTest(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp(prefix="liaison-py-"))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_version(self):
        self.assertRegex(liaison.version(), r"^\d+\.\d+\.\d+$")

    def test_build_and_small_answers(self):
        # 1-2-3-4 in a line, 1-5-3 another way to 3, and a separate pair 8-9.
        edges = [(1, 2), (2, 3), (3, 4), (1, 5), (5, 3), (8, 9), (2, 1), (7, 7)]
        with liaison.build(edges, [0.5, 1.0, 0.25, 0.75, 1.0, 0.1, 0.5, 1.0]) as g:
            self.assertEqual(g.num_members, 8)
            self.assertEqual(len(g), 8)
            self.assertEqual(g.num_connections, 6)
            self.assertEqual(list(g.members()), [1, 2, 3, 4, 5, 7, 8, 9])
            self.assertIn(7, g)
            self.assertNotIn(6, g)
            self.assertNotIn("x", g)
            self.assertEqual(g.degree(1, 4), liaison.Degree(3, 0))
            self.assertEqual(g.degree(1, 3), liaison.Degree(2, 2))
            self.assertEqual(g.degree(1, 1).degree, 0)
            self.assertIsNone(g.degree(1, 9).degree)
            self.assertIsNone(g.degree(1, 4, max_depth=2).degree)
            self.assertEqual([d.degree for d in g.degrees(1, [2, 3, 4, 9])], [1, 2, 3, None])
            self.assertEqual(g.mutual(1, 3), [2, 5])
            self.assertEqual(g.mutual(1, 9), [])
            r = g.reach(1, depth=3, list=True)
            self.assertEqual(r.levels, [2, 1, 1])
            self.assertEqual(r.total, 4)
            self.assertEqual(r.members, [(2, 1), (5, 1), (3, 2), (4, 3)])
            self.assertEqual(g.reach(1, where={"company": "Acme"}).total, 0)
            p = g.paths(1, 3)
            self.assertEqual((p.hops, p.count), (2, 2))
            self.assertEqual([x.members for x in p.paths], [[1, 5, 3], [1, 2, 3]])
            self.assertAlmostEqual(p.paths[0].hops[0].strength, 0.75, places=2)
            self.assertIsNone(p.paths[0].hops[0].since)
            self.assertGreater(p.paths[0].warmth, p.paths[1].warmth)
            self.assertEqual([s.member for s in g.suggest(1, k=5)], [3])
            self.assertEqual(g.suggest(1)[0].reasons, [2, 5])

    def test_build_rejects_bad_input(self):
        with self.assertRaises(liaison.InvalidArgument) as e:
            liaison.build([(1, 2), (2, 3)], [0.5, 1.5])
        self.assertIn("strength[1]", e.exception.message)
        with self.assertRaises(liaison.InvalidArgument):
            liaison.build([(1, 2)], [0.5, 0.5])
        with self.assertRaises(liaison.InvalidArgument):
            liaison.build([(-1, 2)])
        with self.assertRaises(ValueError):  # InvalidArgument is a ValueError too
            liaison.build([(1, 2)], [float("nan")])

    def test_save_open_and_file_errors(self):
        path = self.tmp / "g.liaison"
        with liaison.build([(1, 2), (2, 3)]) as g:
            g.save(path)
            with self.assertRaises(liaison.NotFound):
                g.save(self.tmp / "missing" / "g.liaison")
        with liaison.open(path, verify=True) as g:
            self.assertEqual(g.mutual(1, 3), [2])
        with liaison.open(path, in_memory=True) as g:
            self.assertEqual(g.mutual(1, 3), [2])
        with self.assertRaises(liaison.NotFound):
            liaison.open(self.tmp / "nope.liaison")
        (self.tmp / "text.txt").write_text("1 2\n")
        with self.assertRaises(liaison.FailedPrecondition):
            liaison.open(self.tmp / "text.txt")
        data = bytearray(path.read_bytes())
        data[16] ^= 0xFF
        (self.tmp / "bad.liaison").write_bytes(bytes(data))
        with self.assertRaises(liaison.DataLoss) as e:
            liaison.open(self.tmp / "bad.liaison")
        self.assertEqual(e.exception.code, 15)
        (self.tmp / "short.liaison").write_bytes(path.read_bytes()[:100])
        with self.assertRaises(liaison.DataLoss):
            liaison.open(self.tmp / "short.liaison")

    def test_import_errors(self):
        with self.assertRaises(liaison.NotFound):
            liaison.import_graph(self.tmp / "none.tsv")
        bad = self.tmp / "bad.tsv"
        bad.write_text("1\t2\n3\tthree\n")
        with self.assertRaises(liaison.InvalidArgument) as e:
            liaison.import_graph(bad)
        self.assertIn("bad.tsv:2", e.exception.message)
        with liaison.import_graph(bad, skip_bad=True) as g:
            self.assertEqual(g.num_connections, 1)

    def test_closed_graph(self):
        g = liaison.build([(1, 2)])
        g.close()
        g.close()
        with self.assertRaises(liaison.FailedPrecondition):
            g.degree(1, 2)

    def test_intro_fixture(self):
        """Answers worked out by hand in datasets/fixtures/intro_network/README.md."""
        with liaison.import_graph(FIXTURE / "connections.tsv", FIXTURE / "members.tsv") as g:
            p = g.paths(ANN, HAL)
            self.assertEqual((p.hops, p.count), (2, 2))
            self.assertEqual([x.members for x in p.paths], [[ANN, BOB, HAL], [ANN, EVE, HAL]])
            self.assertEqual(p.paths[0].hops[0].since, "2023-01-01")
            self.assertEqual(g.paths(ANN, HAL, avoid=[BOB]).paths[0].members, [ANN, EVE, HAL])
            self.assertEqual(g.paths(ANN, HAL, avoid=[BOB, EVE]).paths, [])
            self.assertEqual(g.paths(ANN, IVY).paths[0].members, [ANN, BOB, GUS, IVY])
            none = g.paths(ANN, JON)
            self.assertEqual((none.hops, none.count, none.paths), (None, 0, []))
            longer = g.paths(ANN, LEE, include_longer=True)
            self.assertEqual([x.members for x in longer.paths], [[ANN, CAT, KIM, LEE],
                                                                  [ANN, KIM, LEE]])
            self.assertEqual(g.degree(ANN, DAN).degree, 1)
            self.assertEqual(g.degree(CAT, IVY).degree, 2)
            self.assertEqual(g.mutual(ANN, HAL), [BOB, DAN, EVE])
            self.assertEqual([s.member for s in g.suggest(FAY)], [GUS])
            for score in ("common", "jaccard", "adamic-adar", "resource-allocation"):
                members = [s.member for s in g.suggest(ANN, score=score)]
                self.assertNotIn(FAY, members)
                self.assertNotIn(JON, members)

    def test_bad_options_and_unknown_members(self):
        with liaison.build([(1, 2), (2, 3)]) as g:
            with self.assertRaises(liaison.InvalidArgument) as e:
                g.suggest(1, score="pagerank")
            self.assertIn("pagerank", e.exception.message)
            with self.assertRaises(liaison.InvalidArgument):
                g.reach(1, where={"salary": "high"})
            with self.assertRaises(liaison.InvalidArgument):
                g.degree(1, 2, max_depth=0)
            with self.assertRaises(liaison.InvalidArgument):
                g.paths(1, 3, k=0)
            with self.assertRaises(liaison.InvalidArgument):
                g.reach(1, depth=17)
            with self.assertRaises(liaison.InvalidArgument):
                g.paths(1, 3, k=-1)
            with self.assertRaises(liaison.NotFound) as e:
                g.degree(1, 99)
            self.assertIn("99", e.exception.message)
            self.assertIsInstance(e.exception, LookupError)
            with self.assertRaises(liaison.NotFound):
                g.paths(1, 3, avoid=[99])
            with self.assertRaises(liaison.NotFound):
                g.mutual(99, 1)
            with self.assertRaises(liaison.NotFound):
                g.degrees(1, [2, 99])
            with self.assertRaises(liaison.InvalidArgument):
                g.degree(1, 2**64)
            with self.assertRaises(liaison.OutOfRange):
                g.member_at(3)

    def test_budgets(self):
        # A path of 200 members: reach from one end needs 200 visits.
        with liaison.build([(i, i + 1) for i in range(200)]) as g:
            with self.assertRaises(liaison.ResourceExhausted) as e:
                g.reach(0, depth=16, max_visited=5)
            self.assertIn("max_visited = 5", e.exception.message)
            partial = g.reach(0, depth=16, max_visited=5, allow_partial=True)
            self.assertTrue(partial.truncated)
            self.assertLess(len(partial.levels), 16)
            with self.assertRaises(liaison.DeadlineExceeded) as e:
                g.suggest(0, timeout_ms=0)
            self.assertIn("timeout of 0 ms", e.exception.message)
            self.assertTrue(g.degree(0, 5, max_depth=6, max_visited=0,
                                     allow_partial=True).truncated)
            with self.assertRaises(liaison.ResourceExhausted):
                g.paths(0, 5, max_hops=6, max_visited=0)
            self.assertEqual(g.reach(0, depth=16, timeout_ms=60000).total, 16)
        # Reach looks at the clock every few thousand lists read: a star's hub reaches 5000
        # members whose lists the second level reads.
        with liaison.build([(0, i) for i in range(1, 5001)] +
                           [(i, i + 1) for i in range(1, 5000)]) as g:
            with self.assertRaises(liaison.DeadlineExceeded):
                g.reach(0, depth=3, timeout_ms=0)
            self.assertTrue(g.reach(0, depth=3, timeout_ms=0, allow_partial=True).truncated)
            self.assertEqual(g.reach(0, depth=3).total, 5000)

    def test_threads_share_one_graph(self):
        edges = [(i, (i * 7 + 3) % 500) for i in range(500)] + [(i, i + 1) for i in range(499)]
        with liaison.build(edges) as g:
            pairs = [(i, (i * 13) % 500) for i in range(0, 500, 5)]
            want = [g.degree(a, b, max_depth=6) for a, b in pairs]
            got = [None] * 8
            def work(t):
                got[t] = [g.degree(a, b, max_depth=6) for a, b in pairs]
            threads = [threading.Thread(target=work, args=(t,)) for t in range(8)]
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            for t in range(8):
                self.assertEqual(got[t], want)

    def test_json(self):
        with liaison.import_graph(FIXTURE / "connections.tsv", FIXTURE / "members.tsv") as g:
            answer = g.query_json({"op": "degree", "from": ANN, "to": HAL})
            self.assertEqual(answer["degree"], 2)
            self.assertEqual(answer["mutual"], len(g.mutual(ANN, HAL)))
            self.assertEqual(g.query_json({"op": "degree", "from": ANN, "to": 99})["error"]["code"],
                             "unknown_member")
            requests = [
                {"op": "degree", "from": ANN, "to": [BOB, IVY, JON]},
                {"op": "reach", "from": ANN, "depth": 3},
                {"op": "paths", "from": ANN, "to": HAL, "k": 5},
                {"op": "mutual", "a": ANN, "b": HAL},
                {"op": "suggest", "for": ANN, "k": 10, "score": "jaccard"},
            ]
            text = "\n".join(json.dumps(r) for r in requests) + "\nnot json\n"
            answers = [json.loads(line) for line in
                       g.query_json_lines(text, threads=2).splitlines()]
            self.assertEqual(len(answers), 6)
            self.assertIn("error", answers[5])
            many = g.degrees(ANN, [BOB, IVY, JON])
            self.assertEqual([d["degree"] for d in answers[0]["degrees"]],
                             [d.degree for d in many])
            reach = g.reach(ANN, depth=3)
            self.assertEqual((answers[1]["levels"], answers[1]["total"]),
                             (reach.levels, reach.total))
            paths = g.paths(ANN, HAL, k=5)
            self.assertEqual((answers[2]["hops"], answers[2]["count"]), (paths.hops, paths.count))
            self.assertEqual([p["members"] for p in answers[2]["paths"]],
                             [p.members for p in paths.paths])
            self.assertEqual(answers[3]["members"], g.mutual(ANN, HAL))
            self.assertEqual([(s["member"], s["mutual"]) for s in answers[4]["suggestions"]],
                             [(s.member, s.mutual) for s in g.suggest(ANN, score="jaccard")])


if __name__ == "__main__":
    unittest.main()
