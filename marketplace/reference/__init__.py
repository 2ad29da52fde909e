"""Reference data kept as data, not code: provinces and communes, banks, product categories.

The rows are inserted by migrations, so every database (demo, test, production) has them.
"""
