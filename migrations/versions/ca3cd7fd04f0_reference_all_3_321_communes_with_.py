"""reference: all 3,321 communes with official codes and a Vietnamese sort key

Loads the administrative units in force since 1 July 2025 (34 provinces, 3,321 communes, wards
and special zones) from the pinned `vietnam-provinces` package, keeps the ids of the rows that
are already there (stalls and checkouts point at them), stores the official codes and a sort
key for Vietnamese alphabetical order.

Revision ID: ca3cd7fd04f0
Revises: 6b5a2f3b08d3
Create Date: 2026-11-23 13:02:22.969674

"""
import json
import unicodedata
from importlib import resources

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'ca3cd7fd04f0'
down_revision = '6b5a2f3b08d3'
branch_labels = None
depends_on = None

PROVINCE_COUNT = 34
COMMUNE_COUNT = 3321

# Demo communes of revision 931348b7530d that carry a district's name or an old spelling, and
# the official commune they are now: the row keeps its id and takes the official name and code.
RENAMED = {
    ("tuyen-quang", "xã Na Hang"): 2221,  # spelled "Nà Hang" officially
    ("nghe-an", "xã Kỳ Sơn"): 16813,  # Kỳ Sơn district's seat, now xã Mường Xén
    ("dak-lak", "xã Lắk"): 24580,  # Lắk district's seat, now xã Liên Sơn Lắk
    ("lam-dong", "xã Lâm Viên"): 24778,  # now phường Lâm Viên - Đà Lạt
}
# The other demo rows that match no official commune ("xã Tam Đường", "xã Bảo Lộc" and
# "xã Gia Nghĩa": a district and two cities split over several communes) are deleted when
# nothing points at them, and otherwise kept without an official code (never offered again).
REFERENCING_TABLES = ("stalls", "checkouts")


def upgrade():
    with op.batch_alter_table('communes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('official_code', sa.String(length=5), nullable=True))
        # A default only so that SQLite can add a NOT NULL column to existing rows.
        batch_op.add_column(
            sa.Column('sort_key', sa.String(length=255), nullable=False, server_default='')
        )

    with op.batch_alter_table('provinces', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('official_code', sa.String(length=2), nullable=False, server_default='')
        )
        batch_op.add_column(
            sa.Column('sort_key', sa.String(length=255), nullable=False, server_default='')
        )

    load_official_units()

    if op.get_bind().dialect.name != 'sqlite':
        # SQLite can only drop a default by copying the table; the default is harmless there.
        op.alter_column('communes', 'sort_key', server_default=None)
        op.alter_column('provinces', 'official_code', server_default=None)
        op.alter_column('provinces', 'sort_key', server_default=None)

    with op.batch_alter_table('communes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_communes_official_code'), ['official_code'], unique=True)
        batch_op.create_index('ix_communes_province_id_sort_key', ['province_id', 'sort_key'], unique=False)

    with op.batch_alter_table('provinces', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provinces_official_code'), ['official_code'], unique=True)


def downgrade():
    # The communes stay: they are valid rows for the older schema too. Plain DROP COLUMN (SQLite
    # 3.35+), as copying the tables the way batch mode does trips over the foreign keys to them.
    op.drop_index(op.f('ix_provinces_official_code'), table_name='provinces')
    op.drop_index('ix_communes_province_id_sort_key', table_name='communes')
    op.drop_index(op.f('ix_communes_official_code'), table_name='communes')
    for table, column in [
        ('provinces', 'sort_key'), ('provinces', 'official_code'),
        ('communes', 'sort_key'), ('communes', 'official_code'),
    ]:
        op.execute(f'ALTER TABLE {table} DROP COLUMN {column}')


# --- Data ---------------------------------------------------------------------------------------
# Read from the package pinned in requirements.txt, not from the app, and checked for the counts
# this revision was written for, so that it builds the same rows forever.


def read_official_units() -> list[dict]:
    data = resources.files('vietnam_provinces').joinpath('data', 'nested-divisions.json')
    provinces = json.loads(data.read_text(encoding='utf-8'))
    communes = sum(len(p['wards']) for p in provinces)
    if (len(provinces), communes) != (PROVINCE_COUNT, COMMUNE_COUNT):
        raise RuntimeError(
            f'vietnam-provinces lists {len(provinces)} provinces and {communes} communes; '
            f'this migration expects {PROVINCE_COUNT} and {COMMUNE_COUNT} (see requirements.txt)'
        )
    return provinces


def display_name(name: str, division_type: str) -> str:
    """"Phường  Buôn Ma Thuột" -> "phường Buôn Ma Thuột", as the demo rows are written."""
    name = ' '.join(unicodedata.normalize('NFC', name).split())
    name = name.replace('\u2019', "'").replace('\u2013', '-')
    if name.casefold().startswith(division_type.casefold() + ' '):
        name = division_type.casefold() + name[len(division_type):]
    return name


def match_key(name: str) -> str:
    return display_name(name, '').casefold()


def load_official_units():
    bind = op.get_bind()
    official = read_official_units()
    provinces = sa.table(
        'provinces', sa.column('id', sa.Integer), sa.column('code', sa.String),
        sa.column('name', sa.String), sa.column('official_code', sa.String),
        sa.column('sort_key', sa.String),
    )
    communes = sa.table(
        'communes', sa.column('id', sa.Integer), sa.column('province_id', sa.Integer),
        sa.column('name', sa.String), sa.column('official_code', sa.String),
        sa.column('sort_key', sa.String),
    )
    province_rows = bind.execute(
        sa.select(provinces.c.code, provinces.c.id, provinces.c.name)
    ).all()
    province_ids = {code: pid for code, pid, _ in province_rows}
    province_names = {pid: name for _, pid, name in province_rows}
    existing = bind.execute(
        sa.select(communes.c.id, communes.c.province_id, communes.c.name)
    ).all()
    by_name = {(province_id, match_key(name)): cid for cid, province_id, name in existing}
    by_old_name = {(province_id, name): cid for cid, province_id, name in existing}

    province_updates, commune_updates, new_communes, matched = [], [], [], set()
    for unit in official:
        slug = unit['codename'].replace('_', '-')
        province_id = province_ids[slug]  # the 34 slugs of revision 931348b7530d
        province_updates.append({
            'b_id': province_id,
            'official_code': f"{unit['code']:02d}",
            # Names stay as they are ("TP. Hồ Chí Minh"); only the key is new.
            'sort_key': place_sort_key(province_names[province_id]),
        })
        renamed = {
            code: by_old_name.get((province_ids[s], old))
            for (s, old), code in RENAMED.items() if s == slug
        }
        for ward in unit['wards']:
            name = display_name(ward['name'], ward['division_type'])
            row = {
                'official_code': f"{ward['code']:05d}",
                'name': name,
                'sort_key': place_sort_key(name),
            }
            cid = by_name.get((province_id, match_key(name))) or renamed.get(ward['code'])
            if cid is None:
                new_communes.append({'province_id': province_id, **row})
            else:
                matched.add(cid)
                commune_updates.append({'b_id': cid, **row})

    bind.execute(
        provinces.update().where(provinces.c.id == sa.bindparam('b_id')).values(
            official_code=sa.bindparam('official_code'), sort_key=sa.bindparam('sort_key')
        ),
        province_updates,
    )
    if commune_updates:
        bind.execute(
            communes.update().where(communes.c.id == sa.bindparam('b_id')).values(
                name=sa.bindparam('name'), official_code=sa.bindparam('official_code'),
                sort_key=sa.bindparam('sort_key'),
            ),
            commune_updates,
        )

    for cid, _, name in existing:
        if cid in matched:
            continue
        used = any(
            bind.execute(
                sa.select(sa.literal(1)).select_from(sa.table(table, sa.column('commune_id')))
                .where(sa.column('commune_id') == cid).limit(1)
            ).first()
            for table in REFERENCING_TABLES
        )
        if used:
            bind.execute(
                communes.update().where(communes.c.id == cid).values(sort_key=place_sort_key(name))
            )
        else:
            bind.execute(communes.delete().where(communes.c.id == cid))

    op.bulk_insert(communes, new_communes)


# --- Vietnamese alphabetical order (a frozen copy of marketplace/reference/sorting.py) -----------

LETTERS = 'aăâbcdđeêfghijklmnoôơpqrstuưvwxyz'
_SEPARATOR = '01'
_PRIMARY = {str(d): f'{d + 2:02d}' for d in range(10)} | {
    letter: f'{n + 12:02d}' for n, letter in enumerate(LETTERS)
}
_LETTER_MARKS = {'\u0302', '\u0306', '\u031b'}
_TONES = {'\u0300': '1', '\u0309': '2', '\u0303': '3', '\u0301': '4', '\u0323': '5'}
_PREFIXES = ('thành phố ', 'tp. ', 'đặc khu ', 'phường ', 'xã ', 'tỉnh ')


def vietnamese_sort_key(text: str) -> str:
    primary, tones = [], []
    letter, tone = '', '0'

    def flush():
        nonlocal letter, tone
        if letter:
            primary.append(_PRIMARY.get(unicodedata.normalize('NFC', letter), '99'))
            tones.append(tone)
        letter, tone = '', '0'

    for char in unicodedata.normalize('NFD', text.casefold()):
        if char in _LETTER_MARKS and letter:
            letter += char
        elif char in _TONES:
            tone = _TONES[char]
        elif char.isalnum():
            flush()
            letter = char
        elif char.isspace() or char in '-\u2013':
            flush()
            if primary and primary[-1] != _SEPARATOR:
                primary.append(_SEPARATOR)
    flush()
    while primary and primary[-1] == _SEPARATOR:
        primary.pop()
    return ''.join(primary) + '00' + ''.join(tones)


def place_sort_key(name: str) -> str:
    folded = ' '.join(name.casefold().split())
    kind = next((p for p in _PREFIXES if folded.startswith(p)), '')
    return vietnamese_sort_key(folded[len(kind):]) + '00' + vietnamese_sort_key(kind)
