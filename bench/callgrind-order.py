"""The functions of one object that ran in callgrind dumps, one per line: those of the first dump by
self cost (instructions), hottest first, then those only the later dumps name. bench/text-order.sh."""
import collections
import re
import sys

NAMED = re.compile(r"(c?(?:ob|fn))=\((\d+)\)(?: (.*))?")


def self_costs(path, obj):
    """Self cost per function of `obj` (the object file's name) in one callgrind dump."""
    names = {"ob": {}, "fn": {}}
    current_ob = current_fn = None
    after_calls = False
    costs = collections.Counter()
    for line in open(path, errors="replace"):
        named = NAMED.match(line.rstrip("\n"))
        if named:
            kind, number, name = named.groups()
            table = names[kind.lstrip("c")]
            if name:
                table[number] = name
            if kind == "ob":
                current_ob = table.get(number)
            elif kind == "fn":
                current_fn = (current_ob, table.get(number))
                costs[current_fn] += 0
                after_calls = False
            continue
        if line.startswith("calls="):
            after_calls = True  # the next cost line is a call's inclusive cost, not self cost
            continue
        if line[:1].isdigit() or line[:1] in "+-*":
            fields = line.split()
            if after_calls:
                after_calls = False
            elif len(fields) >= 2 and current_fn:
                costs[current_fn] += int(fields[1])
    return [fn for (ob, fn), _ in sorted(costs.items(), key=lambda item: -item[1])
            if ob and ob.rsplit("/", 1)[-1] == obj and fn and not fn.startswith("0x")]


def main(first, *rest, obj):
    seen = set()
    for path in (first, *rest):
        for name in self_costs(path, obj):
            if name not in seen:
                seen.add(name)
                print(name)


if __name__ == "__main__":
    main(*sys.argv[1:-1], obj=sys.argv[-1])
