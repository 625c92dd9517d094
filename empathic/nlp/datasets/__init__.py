"""Readers for the labelled datasets the engine trains and evaluates on."""
