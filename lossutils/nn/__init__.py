"""A small multilayer perceptron trained by mini-batch SGD or Adam, in NumPy.

The course re-runs the companion article's Keras experiments with this
trainer, so that every step of training (initialisation, forward pass,
loss gradient, backpropagation, momentum update) is code a reader can open.
It follows Keras where that matters for the results: He-uniform initial
weights, zero biases, classical momentum, shuffled mini-batches.

All arithmetic is in float64. One file per idea:

- :mod:`lossutils.nn.model`: :class:`MLP`, its parameters, forward pass and
  backpropagation (with the fused output-layer gradients);
- :mod:`lossutils.nn.training`: the training loop, its history and the
  metrics (:meth:`MLP.fit`, :meth:`MLP.evaluate`);
- :mod:`lossutils.nn.optimizers`: :class:`SGD` and :class:`Adam`.

Import the public names from here: ``from lossutils.nn import MLP, SGD, Adam``.
"""

from .model import MLP
from .optimizers import SGD, Adam

__all__ = ["MLP", "SGD", "Adam"]
