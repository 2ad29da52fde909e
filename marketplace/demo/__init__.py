"""The demo (`make run`, `flask seed-demo`): its data, the seeder, placeholder pictures.

- `data/*.json` and `catalogue.py`: people, stalls, products and orders as data files, checked
  when loaded (`load_catalogue`, `check_reference`).
- `seed.py`: creates what is missing through the same services real users go through.
- `photos.py`: Pillow-only placeholder product photos and stall logos.
"""
