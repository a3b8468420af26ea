"""PaddleDesk: train and try Chinese text classifiers with PaddlePaddle, from a desktop app."""

__version__ = "0.1.0"
