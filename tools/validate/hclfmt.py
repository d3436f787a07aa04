"""The layout rules of `terraform fmt`, checked without Terraform.

No registry this project reaches ships a Terraform binary, so the generated
Terraform is held to the two rules of HashiCorp's formatter (hclwrite) that
hand-written templates break: indentation is two spaces per open bracket, and
the `=` of single-line attributes on consecutive lines is aligned one column
after the longest name. A line that opens a multi-line value, a comment line
or a blank line ends such a run, as in hclwrite. Trailing whitespace and tabs
are refused too. Spacing inside expressions is not checked.

`problems(text)` returns (line number, what is wrong) for one file.
"""

import re
import sys

OPEN, CLOSE = "{[(", "}])"


def scan(line):
    """(net bracket change, column of the attribute's `=` or None, ends in a
    comment) for one line, ignoring brackets inside strings and comments. As
    in hclwrite, the first `=` assigns only when the brackets after it close
    on the same line."""
    net, assign, before, i = 0, None, 0, 0
    stack = []  # open strings ('"'), interpolations ('$') and brackets

    def result(commented):
        return net, (assign if assign is not None and net == before else None), commented
    while i < len(line):
        ch = line[i]
        if stack and stack[-1] == '"':
            if ch == "\\":
                i += 2
                continue
            if ch == '"':
                stack.pop()
            elif line.startswith("${", i) or line.startswith("%{", i):
                stack.append("$")
                net += 1
                i += 1
            i += 1
            continue
        if ch == '"':
            stack.append('"')
        elif ch == "#" or line.startswith("//", i):
            return result(True)
        elif ch in OPEN:
            stack.append(ch)
            net += 1
        elif ch in CLOSE:
            if stack:
                stack.pop()
            net -= 1
        elif ch == "=" and assign is None and not stack and i > 0 \
                and line[i - 1] not in "=!<>" and not line.startswith("==", i) and not line.startswith("=>", i):
            assign, before = i, net
        i += 1
    return result(False)


def problems(text):
    found = []
    indents = []  # the bracket count each open indentation level holds
    chain = []  # (line number, name width, column of '=') of the current run
    heredoc = None

    def close_chain():
        if chain:
            want = max(width for _, width, _ in chain) + 1
            for number, _, column in chain:
                if column != want:
                    found.append((number, f"'=' at column {column + 1}, terraform fmt puts it at {want + 1}"))
        chain.clear()

    for number, raw in enumerate(text.split("\n"), start=1):
        if heredoc is not None:
            if raw.strip() == heredoc:
                heredoc = None
            continue
        if raw != raw.rstrip():
            found.append((number, "trailing whitespace"))
        if "\t" in raw[: len(raw) - len(raw.lstrip())]:
            found.append((number, "indented with a tab"))
        line = raw.strip()
        if not line:
            close_chain()
            continue
        net, assign, commented = scan(line)
        here = re.search(r"<<-?([A-Z_]+)$", line)
        # An assignment is aligned only when its value ends on the same line.
        if assign is not None and not here:
            name = line[:assign].rstrip()
            indent = len(raw) - len(raw.lstrip())
            chain.append((number, indent + len(name), indent + assign))
            if not line[assign + 1:].startswith(" ") and line[assign + 1:]:
                found.append((number, "no single space after '='"))
        else:
            close_chain()
        if commented and line.startswith(("#", "//")):
            net = 0
        if net < 0:
            # A line such as `}, {` opens again: only its net change counts.
            closed = -net
            while closed > 0 and indents:
                if closed >= indents[-1]:
                    closed -= indents.pop()
                else:
                    indents[-1] -= closed
                    closed = 0
        want = 2 * len(indents)
        have = len(raw) - len(raw.lstrip(" "))
        if have != want:
            found.append((number, f"indented {have} spaces, terraform fmt indents {want}"))
        if net > 0:
            indents.append(net)
        if here:
            heredoc = here.group(1)
    close_chain()
    return sorted(found)


# (what it breaks, regex, replacement, what the check must say): each turns a
# laid-out file into one `terraform fmt -check` would refuse.
FIXTURES = [
    ("an '=' one column off its neighbours", r"^(  [a-z_]+)( +)= ", r"\1\2 = ", "terraform fmt puts it at"),
    ("a line indented by the template, not the brackets", r"^(    )([a-z_]+ += )", r"\1  \2", "terraform fmt indents"),
    ("trailing whitespace", r"^(\S.*\{)$", r"\1 ", "trailing whitespace"),
]


def self_test(path):
    """The fixtures each make `problems` fail on the laid-out file at `path`."""
    import re
    text = open(path).read()
    missed = []
    if problems(text):
        missed.append(f"{path} is not laid out to begin with")
    for what, regex, replacement, expected in FIXTURES:
        broken, n = re.subn(regex, replacement, text, count=1, flags=re.M)
        if not n:
            missed.append(f"{what}: the fixture no longer applies to {path}")
        elif not any(expected in p for _, p in problems(broken)):
            missed.append(f"{what}: hclfmt did not notice")
    return missed


if __name__ == "__main__":
    bad = False
    for path in sys.argv[1:]:
        with open(path) as f:
            for number, what in problems(f.read()):
                print(f"{path}:{number}: {what}")
                bad = True
    sys.exit(1 if bad else 0)
