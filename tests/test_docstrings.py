"""Run every docstring example of the package (cf. QuantEcon.py's test_docstring_examples)."""

import doctest
import importlib

import pytest

MODULES = [
    "lossutils",
    "lossutils.activations",
    "lossutils.regression",
    "lossutils.classification",
    "lossutils.likelihood",
    "lossutils.margin",
    "lossutils.scoring",
    "lossutils.naive",
    "lossutils.stats",
]
# Written by others and possibly not there yet: run their examples when they exist.
OPTIONAL_MODULES = [
    "lossutils.nn",
    "lossutils.nn.model",
    "lossutils.nn.training",
    "lossutils.nn.optimizers",
    "lossutils.datasets",
    "lossutils.plots",
]
MIN_EXAMPLES = 80
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _modules():
    modules = [importlib.import_module(name) for name in MODULES]
    for name in OPTIONAL_MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
    return modules


def _doctests():
    finder = doctest.DocTestFinder()
    return [test for module in _modules() for test in finder.find(module) if test.examples]


DOCTESTS = _doctests()


def test_enough_examples_were_collected():
    assert sum(len(test.examples) for test in DOCTESTS) >= MIN_EXAMPLES


def test_every_module_of_the_trainer_has_examples():
    for name in ("lossutils.nn.model", "lossutils.nn.training", "lossutils.nn.optimizers"):
        assert any(test.name.startswith(name + ".") for test in DOCTESTS), name


@pytest.mark.parametrize("test", DOCTESTS, ids=[test.name for test in DOCTESTS])
def test_docstring_example(test):
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} failing example(s) in {test.name}; see stdout"


def test_every_public_function_has_an_example():
    import lossutils

    for name in lossutils.__all__:
        obj = getattr(lossutils, name)
        if callable(obj):
            assert ">>>" in (obj.__doc__ or ""), name
            if hasattr(obj, "grad"):
                assert ">>>" in (obj.grad.__doc__ or ""), f"{name}.grad"
                assert "Introduced in " in obj.__doc__, name
