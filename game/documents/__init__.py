"""The documents at the heart of the game, as values computed from the playthrough state:
the map of the front and the treaty. Pure (no pygame): the UI draws them, tests and tools
read them."""
