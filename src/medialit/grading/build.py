"""`medialit build`: generate the learner's exercises from the teacher's solutions.

One source of truth: each exercise set is written once, as `solutions/<set>.ipynb`
with answers between `# BEGIN SOLUTION` and `# END SOLUTION`, and its key as
`solutions/keys/<set>.toml`. The build first brings each solution in step with
its key — the lettered options, shuffled and balanced (see choices.py), and an
answer-format line in every question cell, the right letter in the answer — then
replaces each solution region with a placeholder (`answer_q1 = ...  # your
answer`), drops cells tagged `teacher`, clears outputs, normalises metadata, and
seals the keys into the package. `--check` changes nothing and lists what is stale.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..storage import atomic_write_text
from .bank import PUBLIC_DIR, SEALED_DIR, public_json, read_plain, sealed_json
from .choices import (
    FORMAT_LINE,
    LETTERS,
    OPTION_LINE,
    answer_format,
    letter_orders,
    render_options,
)

__all__ = ["BuildPlan", "build", "exercise_from_solution", "strip_solutions"]

BEGIN = re.compile(r"^(\s*)#\s*BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*#\s*END SOLUTION\s*$")
TEACHER_TAG = "teacher"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _answers(node: ast.stmt) -> bool:
    """Does this statement give an answer (`name = …` or `def …`) rather than act?"""
    if isinstance(node, ast.Assign):
        return all(isinstance(t, ast.Name) for t in node.targets)
    if isinstance(node, ast.AnnAssign):
        return isinstance(node.target, ast.Name)
    return isinstance(node, ast.FunctionDef | ast.Import | ast.ImportFrom)


def _placeholder(region: str, indent: str) -> str:
    """What a learner sees instead of a solution region."""
    try:
        tree = ast.parse(textwrap.dedent(region))
    except SyntaxError:
        return f"{indent}...  # your answer"
    lines = textwrap.dedent(region).splitlines()
    out: list[str] = []
    acts = any(not _answers(node) for node in tree.body)
    for node in [] if acts else tree.body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        if targets and all(isinstance(t, ast.Name) for t in targets):
            names = " = ".join(t.id for t in targets)
            out.append(f"{names} = ...  # your answer")
        elif isinstance(node, ast.FunctionDef):
            head = lines[node.lineno - 1 : node.body[0].lineno - 1]
            body_indent = " " * node.body[0].col_offset
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                head += lines[first.lineno - 1 : first.end_lineno]
            out.extend(head)
            out.append(f"{body_indent}...  # your code here")
    if not out:  # the solution acts (e.g. marks spans): the learner does it themselves
        out.append("# your work here: follow the instructions above")
    return "\n".join(indent + line if line else line for line in out)


def strip_solutions(source: str) -> str:
    """Replace every solution region of a code cell's source with its placeholder."""
    result: list[str] = []
    region: list[str] | None = None
    indent = ""
    for line in source.splitlines():
        begin = BEGIN.match(line)
        if region is None and begin:
            region, indent = [], begin.group(1)
        elif region is not None and END.match(line):
            result.append(_placeholder("\n".join(region), indent))
            region = None
        elif region is not None:
            region.append(line)
        else:
            result.append(line)
    if region is not None:
        raise ValueError("a '# BEGIN SOLUTION' has no matching '# END SOLUTION'")
    return "\n".join(result)


def _normalise(notebook: nbformat.NotebookNode, set_id: str) -> None:
    notebook.metadata = {
        "kernelspec": dict(KERNELSPEC),
        "language_info": {"name": "python"},
        "medialit": {"exercise": set_id},
    }
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)


def exercise_from_solution(solution: nbformat.NotebookNode, set_id: str) -> nbformat.NotebookNode:
    """The learner's copy of a solution notebook."""
    exercise = nbformat.from_dict(solution)
    exercise.cells = [
        c for c in exercise.cells if TEACHER_TAG not in c.get("metadata", {}).get("tags", [])
    ]
    for cell in exercise.cells:
        if cell.cell_type == "code":
            cell.source = strip_solutions(cell.source)
    _normalise(exercise, set_id)
    return exercise


QUESTION_HEADING = re.compile(r"^###\s+Q(\d+)\b")


def _question_cell_text(source: str, question: dict, order: list[int] | None) -> str:
    """A question's markdown with its options and answer-format line as the key says."""
    lines = [
        line
        for line in source.rstrip().splitlines()
        if not FORMAT_LINE.match(line) and not (order is not None and OPTION_LINE.match(line))
    ]
    while lines and not lines[-1].strip():
        lines.pop()
    first_option = next(
        (i for i, line in enumerate(source.splitlines()) if OPTION_LINE.match(line)), None
    )
    if order is not None:
        options = render_options(question, order)
        if first_option is not None and first_option <= len(lines):
            lines[first_option:first_option] = options
        else:
            lines += ["", *options]
    return "\n".join([*lines, "", answer_format(question)])


def _answer_line(source: str, variable: str, letter: str) -> str:
    pattern = re.compile(rf"^(\s*{re.escape(variable)}\s*=\s*)([\"'])[a-h]\2\s*$", re.M)
    return pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}{letter}{m.group(2)}", source)


def _clean_solution(
    solution: nbformat.NotebookNode,
    set_id: str,
    questions: list[dict] | None = None,
    orders: dict[tuple[str, str], list[int]] | None = None,
) -> nbformat.NotebookNode:
    """The solution in step with its key, without outputs."""
    clean = nbformat.from_dict(solution)
    by_id = {q["id"]: q for q in questions or []}
    for cell in clean.cells:
        heading = QUESTION_HEADING.match(cell.source) if cell.cell_type == "markdown" else None
        if heading and f"q{heading.group(1)}" in by_id:
            question = by_id[f"q{heading.group(1)}"]
            order = (orders or {}).get((set_id, question["id"]))
            cell.source = _question_cell_text(cell.source, question, order)
    for (owner, qid), order in (orders or {}).items():
        if owner != set_id:
            continue
        right = next(n for n, i in enumerate(order) if by_id[qid]["options"][i].get("right"))
        for cell in clean.cells:
            if cell.cell_type == "code":
                cell.source = _answer_line(cell.source, f"answer_{qid}", LETTERS[right])
    _normalise(clean, set_id)
    return clean


@dataclass
class BuildPlan:
    """Every file the build writes, with the text it should hold."""

    files: dict[Path, str]

    def stale(self) -> list[Path]:
        return [
            path
            for path, text in self.files.items()
            if not path.exists() or path.read_text(encoding="utf-8") != text
        ]


def plan(root: Path) -> BuildPlan:
    files: dict[Path, str] = {}
    key_paths = sorted((root / "solutions" / "keys").glob("*.toml"))
    plain = {p.stem: read_plain(p)["questions"] for p in key_paths}
    orders = letter_orders(list(plain.items()))
    for solution_path in sorted((root / "solutions").glob("*.ipynb")):
        set_id = solution_path.stem
        solution = _clean_solution(
            nbformat.read(solution_path, as_version=4), set_id, plain.get(set_id), orders
        )
        files[solution_path] = nbformat.writes(solution) + "\n"
        exercise = exercise_from_solution(solution, set_id)
        nbformat.validate(exercise)
        files[root / "exercises" / solution_path.name] = nbformat.writes(exercise) + "\n"
    for key_path in key_paths:
        sealed = sealed_json(key_path, orders)
        files[SEALED_DIR / f"{key_path.stem}.json"] = sealed
        files[PUBLIC_DIR / f"{key_path.stem}.json"] = public_json(sealed)
    return BuildPlan(files)


def build(root: Path, check: bool = False) -> list[Path]:
    """Write (or with `check`, only list) the files that are missing or out of date."""
    current = plan(root)
    stale = current.stale()
    if not check:
        for path in stale:
            atomic_write_text(path, current.files[path])
    return stale
