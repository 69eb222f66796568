"""The projected score of the plan per lokasi, per year and city-wide; the memorandum program."""
