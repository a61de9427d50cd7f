"""The local stack behind `make run`: embedded AWS (moto server), resources, demo data, event pump."""
