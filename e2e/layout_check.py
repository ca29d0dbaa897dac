"""Checks a captured dashboard frame for a sane layout at a given size.

Reads the pane text (tmux capture-pane -p) on stdin; prints one line per problem and exits 1 if any.
Checked: the frame has exactly ROWS lines none wider than COLS; the title bar is the first line and the
key-hint bar the last; every body line starts and ends on a box border; the top panes' corners meet in
the middle; the bottom border closes the Timeline pane; nothing is mojibake or a replacement character.
"""
import sys
import unicodedata

BOX = set("┌┐└┘│─")


def width(text):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def main():
    cols, rows = int(sys.argv[1]), int(sys.argv[2])
    lines = sys.stdin.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    problems = []
    if len(lines) != rows:
        problems.append(f"{len(lines)} lines, expected {rows}")
    for number, line in enumerate(lines, 1):
        if width(line) > cols:
            problems.append(f"line {number} is {width(line)} columns wide")
        if "\ufffd" in line or "~V" in line or "M-b" in line:
            problems.append(f"line {number} has mojibake: {line!r}")
    if problems:
        report(problems)
    if not lines[0].startswith(" eltop "):
        problems.append(f"title bar missing: {lines[0]!r}")
    if "q quit" not in lines[-1]:
        problems.append(f"key-hint bar missing: {lines[-1]!r}")
    body = [line.ljust(cols) for line in lines[1:-1]]
    for number, line in enumerate(body, 2):
        if line[0] not in BOX or line[cols - 1] not in BOX:
            problems.append(f"line {number} does not start and end on a border: {line.rstrip()!r}")
    half = cols // 2
    top = body[0]
    if not (top[0] == "┌" and top[half - 1] == "┐" and top[half] == "┌" and top[cols - 1] == "┐"):
        problems.append(f"top pane corners not at 0, {half - 1}, {half}, {cols - 1}: {top.rstrip()!r}")
    bottom = body[-1]
    if not (bottom[0] == "└" and bottom[cols - 1] == "┘" and set(bottom[1:cols - 1]) == {"─"}):
        problems.append(f"bottom border broken: {bottom.rstrip()!r}")
    events = [i for i, line in enumerate(body) if "5 Timeline" in line]
    if len(events) != 1 or body[events[0]][0] != "┌":
        problems.append("the Timeline pane's top border is missing")
    report(problems)


def report(problems):
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)


main()
