"""Demo catalogue: stalls and products from Vietnam's mountain provinces, plus placeholder photos.

Plain data (frozen dataclasses) that the demo seed turns into stalls and products, and two small
Pillow-only image generators (`demo_photo`, `demo_logo`) so every demo product has a recognisable
picture without any network access. Names, places and prices are realistic but invented: the
people, phone numbers and bank accounts do not exist.

Provinces are the ones in force since the 2025 merger (e.g. Hà Giang is now part of Tuyên Quang,
Bắc Kạn part of Thái Nguyên, Yên Bái part of Lào Cai); communes are the post-merger ones.
OCOP certificates issued before the merger keep the old province code (HG, BK, HB).
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import os
import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter, ImageFont

__all__ = [
    "BANK_NAMES",
    "CATEGORIES",
    "CATEGORY_LABELS",
    "DEMO_STALLS",
    "EXTRA_OWNERS",
    "STALL_STATUSES",
    "DemoProduct",
    "DemoStall",
    "demo_font_path",
    "demo_logo",
    "demo_photo",
]

CATEGORIES: tuple[str, ...] = (
    "dried-fruit",
    "tea",
    "coffee",
    "honey",
    "rice-grains",
    "spices",
    "mushrooms",
    "handicrafts",
    "homestay-tours",
    "other",
)

# Short Vietnamese labels, used on the placeholder photos.
CATEGORY_LABELS: dict[str, str] = {
    "dried-fruit": "Trái cây sấy",
    "tea": "Chè · Trà",
    "coffee": "Cà phê",
    "honey": "Mật ong",
    "rice-grains": "Gạo · Hạt",
    "spices": "Gia vị",
    "mushrooms": "Nấm · Lâm sản",
    "handicrafts": "Thủ công",
    "homestay-tours": "Homestay · Trải nghiệm",
    "other": "Đặc sản",
}

STALL_STATUSES: tuple[str, ...] = ("approved", "pending", "changes_requested")

# NAPAS bank identification numbers used by VietQR.
BANK_NAMES: dict[str, str] = {
    "970436": "Vietcombank",
    "970415": "VietinBank",
    "970418": "BIDV",
    "970405": "Agribank",
    "970422": "MB",
    "970407": "Techcombank",
    "970416": "ACB",
}


@dataclass(frozen=True)
class DemoProduct:
    name: str
    description: str  # plain text, may contain "\n"
    category: str  # one of CATEGORIES
    price: int  # whole đồng
    stock: int
    unit_label: str
    weight_grams: int  # shipping weight; 0 for homestay and tours
    ocop_stars: int | None = None
    ocop_certificate: str | None = None
    ocop_issued: str | None = None  # ISO date


@dataclass(frozen=True)
class DemoStall:
    slug: str
    name: str
    owner_email: str
    story: str
    province: str
    commune: str
    pickup_address: str
    contact_phone: str
    zalo_phone: str
    bank_bin: str
    account_number: str
    account_name: str
    status: str  # approved | pending | changes_requested
    products: tuple[DemoProduct, ...]


# Owners in provinces other than the five of the existing demo accounts:
# (email, full name, mobile).
EXTRA_OWNERS: tuple[tuple[str, str, str], ...] = (
    ("mai.giang@chophien.example", "Giàng Thị Mai", "0912 000 010"),
    ("hang.trieu@chophien.example", "Triệu Thị Hằng", "0912 000 011"),
    ("su.mua@chophien.example", "Mùa A Sử", "0912 000 012"),
    ("hoa.luong@chophien.example", "Lường Thị Hoa", "0912 000 013"),
    ("may.tan@chophien.example", "Tẩn Thị Mây", "0912 000 014"),
    ("thang.nong@chophien.example", "Nông Văn Thắng", "0912 000 015"),
    ("sinh.ly@chophien.example", "Lý Thị Sình", "0912 000 016"),
    ("nhung.ka@chophien.example", "Liêng Hót Ka Nhung", "0912 000 017"),
    ("lan.kpa@chophien.example", "Kpă H'Lan", "0912 000 018"),
    ("hung.lang@chophien.example", "Lăng Văn Hưng", "0912 000 019"),
    ("dung.ha@chophien.example", "Hà Thị Dung", "0912 000 020"),
    ("chia.vu@chophien.example", "Vừ Bá Chia", "0912 000 021"),
)

_MY = "my.thao@chophien.example"
_PANH = "panh.lo@chophien.example"
_SON = "son.ho@chophien.example"
_HHEN = "hhen.nie@chophien.example"
_LIEN = "lien.dang@chophien.example"

_Ocop = tuple[int, str, str]  # stars, certificate number, ISO issue date


def _p(
    name: str,
    category: str,
    price: int,
    stock: int,
    unit_label: str,
    weight_grams: int,
    description: str,
    ocop: _Ocop | None = None,
) -> DemoProduct:
    stars, certificate, issued = ocop if ocop is not None else (None, None, None)
    return DemoProduct(
        name=name,
        description=description,
        category=category,
        price=price,
        stock=stock,
        unit_label=unit_label,
        weight_grams=weight_grams,
        ocop_stars=stars,
        ocop_certificate=certificate,
        ocop_issued=issued,
    )


DEMO_STALLS: tuple[DemoStall, ...] = (
    # ------------------------------------------------------------------ Lào Cai
    DemoStall(
        slug="man-tam-hoa-bac-ha",
        name="Mận Tam Hoa Bắc Hà",
        owner_email=_MY,
        story=(
            "Gian hàng của Thào Thị Mỷ, cô gái Mông 27 tuổi ở thôn Na Hối, cùng gia đình chăm "
            "gần 3 ha mận Tam Hoa trên cao nguyên Bắc Hà. Mận hái đúng độ chín rồi sấy dẻo ngay "
            "tại xưởng nhỏ của tổ hợp tác thanh niên trong thôn.\n"
            "Mùa hoa mận trắng, Mỷ đón khách lên vườn chụp ảnh và hái quả."
        ),
        province="Lào Cai",
        commune="xã Bắc Hà",
        pickup_address="Thôn Na Hối, xã Bắc Hà, tỉnh Lào Cai",
        contact_phone="0912 100 001",
        zalo_phone="0912 100 001",
        bank_bin="970405",
        account_number="8802205123456",
        account_name="THAO THI MY",
        status="approved",
        products=(
            _p(
                "Mận sấy dẻo Tam Hoa",
                "dried-fruit",
                120000,
                140,
                "gói 500 g",
                560,
                "Mận Tam Hoa chín đỏ tím được tách hạt, tẩm chút đường phèn rồi sấy ở nhiệt độ "
                "thấp nên giữ được vị chua ngọt và độ dẻo tự nhiên. Không phẩm màu, không chất "
                "bảo quản.\nNgon nhất khi ăn kèm trà nóng hoặc làm quà biếu.",
                (4, "OCOP-LC-2025-0153", "2025-05-20"),
            ),
            _p(
                "Mận sấy không đường Bắc Hà",
                "dried-fruit",
                135000,
                60,
                "hộp 400 g",
                470,
                "Dành cho người ăn kiêng: mận Tam Hoa sấy nguyên quả, không thêm đường, vị chua "
                "thanh đậm đà. Hộp giấy kraft có túi zip bên trong, dễ bảo quản sau khi mở.",
                (3, "OCOP-LC-2022-0047", "2022-03-10"),
            ),
            _p(
                "Ô mai mận Tam Hoa vị gừng",
                "dried-fruit",
                85000,
                90,
                "hũ 300 g",
                420,
                "Mận sấy được ngào cùng gừng non và cam thảo theo công thức của mẹ Mỷ. Vị chua, "
                "cay nhẹ, ngọt hậu, hợp nhâm nhi những ngày trời lạnh.",
                (3, "OCOP-LC-2025-0154", "2025-05-20"),
            ),
            _p(
                "Mận Tam Hoa tươi",
                "other",
                160000,
                0,
                "thùng 2 kg",
                2300,
                "Mận hái tại vườn vào buổi sáng và gửi đi ngay trong ngày: quả giòn, vỏ phủ phấn "
                "trắng, ruột đỏ. Hàng theo mùa, chỉ có từ cuối tháng 5 đến hết tháng 7.",
            ),
            _p(
                "Siro mận Tam Hoa",
                "other",
                75000,
                45,
                "chai 500 ml",
                750,
                "Nước cốt mận chín nấu cùng đường mía, pha với nước lạnh và đá thành thức uống "
                "màu đỏ hồng ngọc. Không cồn, trẻ em uống được.",
            ),
        ),
    ),
    DemoStall(
        slug="che-shan-tuyet-y-ty",
        name="Chè Shan Tuyết Y Tý",
        owner_email=_MY,
        story=(
            "Tổ hợp tác chè do các bạn trẻ người Hà Nhì ở thôn Lao Chải lập năm 2021, hái búp "
            "từ những cây Shan Tuyết hàng trăm năm tuổi ở độ cao trên 2.000 m. Mỷ giúp tổ đưa "
            "sản phẩm lên Chợ Phiên và lo khâu đóng gói, gửi hàng.\n"
            "Chè được sao thủ công trên chảo gang, đun bằng củi khô."
        ),
        province="Lào Cai",
        commune="xã Y Tý",
        pickup_address="Thôn Lao Chải, xã Y Tý, tỉnh Lào Cai",
        contact_phone="0387 210 455",
        zalo_phone="0387 210 455",
        bank_bin="970418",
        account_number="8860391275",
        account_name="TO HOP TAC CHE Y TY",
        status="approved",
        products=(
            _p(
                "Chè Shan Tuyết cổ thụ Y Tý",
                "tea",
                280000,
                80,
                "hộp 200 g",
                300,
                "Búp một tôm hai lá hái từ cây chè cổ thụ, sao tay nên sợi chè xoăn, phủ lớp lông "
                "tơ trắng như tuyết. Nước vàng sánh, hương khói nhẹ, vị chát dịu rồi ngọt sâu ở "
                "cổ họng.",
                (4, "OCOP-LC-2024-0211", "2024-10-08"),
            ),
            _p(
                "Chè Shan Tuyết sấy lạnh Y Tý",
                "tea",
                320000,
                40,
                "hộp 100 g",
                200,
                "Búp chè tươi được sấy lạnh (sấy thăng hoa) ngay sau khi hái, giữ màu xanh và "
                "hương cỏ non gần như nguyên vẹn. Hãm bằng nước khoảng 80 °C để vị thanh, không "
                "bị đắng.",
                (4, "OCOP-LC-2025-0098", "2025-03-14"),
            ),
            _p(
                "Hồng trà Shan Tuyết Y Tý",
                "tea",
                240000,
                65,
                "hộp 150 g",
                250,
                "Chè Shan Tuyết lên men hoàn toàn, nước màu hổ phách, thơm mùi mật ong và trái "
                "cây chín. Uống nóng hay pha trà sữa đều ngon.",
                (3, "OCOP-LC-2025-0099", "2025-03-14"),
            ),
            _p(
                "Bạch trà Shan Tuyết búp bạc",
                "tea",
                450000,
                25,
                "hộp 100 g",
                180,
                "Chỉ hái phần búp non phủ lông trắng vào đầu xuân, làm héo tự nhiên trong bóng "
                "râm. Nước trà trong, vị ngọt thanh, rất hợp pha lạnh.",
            ),
            _p(
                "Gạo đỏ Y Tý",
                "rice-grains",
                95000,
                120,
                "túi 2 kg",
                2100,
                "Lúa đỏ trồng trên ruộng bậc thang Y Tý, mỗi năm chỉ một vụ, xay dối để giữ lớp "
                "cám đỏ. Cơm dẻo, thơm mùi lúa mới, hợp cho người ăn kiêng.",
                (3, "OCOP-LC-2024-0260", "2024-12-02"),
            ),
        ),
    ),
    DemoStall(
        slug="gia-vi-rung-bat-xat",
        name="Gia vị rừng Bát Xát",
        owner_email=_MY,
        story=(
            "Gian hàng chung của các hộ người Dao đỏ ở Bát Xát, do Mỷ và nhóm thanh niên tình "
            "nguyện của xã quản lý. Thảo quả trồng dưới tán rừng già, thu hái vào tháng 10–11 "
            "rồi sấy bằng lò củi truyền thống.\n"
            "Mỗi đơn hàng giúp bà con có thêm thu nhập mà vẫn giữ được rừng."
        ),
        province="Lào Cai",
        commune="xã Bát Xát",
        pickup_address="Thôn Phìn Ngan, xã Bát Xát, tỉnh Lào Cai",
        contact_phone="0976 330 128",
        zalo_phone="0976 330 128",
        bank_bin="970405",
        account_number="8806215047731",
        account_name="THAO THI MY",
        status="approved",
        products=(
            _p(
                "Thảo quả khô Bát Xát",
                "spices",
                165000,
                110,
                "gói 500 g",
                540,
                "Quả thảo quả to, vỏ nâu đỏ, sấy khô bằng lò củi nên có mùi thơm đặc trưng. Nướng "
                "sơ rồi đập dập trước khi cho vào nồi nước phở, thịt kho hay món hầm.",
                (4, "OCOP-LC-2025-0132", "2025-06-18"),
            ),
            _p(
                "Hạt dổi rừng",
                "spices",
                320000,
                30,
                "hũ 200 g",
                320,
                "Hạt dổi nhặt dưới gốc cây dổi rừng, phơi khô, vị bùi và mùi thơm rất riêng của "
                "núi rừng Tây Bắc. Rang sơ, giã với muối để chấm thịt nướng, gà luộc.",
                (3, "OCOP-LC-2024-0306", "2024-11-21"),
            ),
            _p(
                "Mắc khén rừng",
                "spices",
                90000,
                75,
                "hũ 150 g",
                250,
                "Mắc khén hái trên cây rừng, phơi khô cả chùm. Vị tê nhẹ, thơm nồng, là gia vị "
                "không thể thiếu của món thịt nướng và chẩm chéo.",
            ),
            _p(
                "Muối chấm hạt dổi mắc khén",
                "spices",
                55000,
                150,
                "hũ 200 g",
                290,
                "Muối hạt rang cùng hạt dổi, mắc khén, ớt khô và tỏi theo cách người Dao vẫn làm. "
                "Chấm hoa quả, thịt luộc hay trứng đều hợp.",
                (3, "OCOP-LC-2024-0305", "2024-11-21"),
            ),
            _p(
                "Tinh dầu thảo quả",
                "other",
                120000,
                40,
                "chai 20 ml",
                80,
                "Chưng cất từ quả thảo quả tươi, hương ấm và cay nhẹ. Dùng xông phòng, nhỏ vào "
                "máy khuếch tán hoặc pha loãng để xoa bóp.",
            ),
        ),
    ),
    DemoStall(
        slug="nong-san-muong-khuong",
        name="Nông sản Mường Khương",
        owner_email=_MY,
        story=(
            "Hợp tác xã do các bạn trẻ người Nùng và Pa Dí ở Mường Khương thành lập, làm tương "
            "ớt, tương đậu và trồng đậu, gừng theo cách truyền thống của vùng biên. Mỷ là thành "
            "viên phụ trách bán hàng trực tuyến cho HTX.\n"
            "Ớt, đậu đều do bà con trong thôn trồng, không phun thuốc diệt cỏ."
        ),
        province="Lào Cai",
        commune="xã Mường Khương",
        pickup_address="Thôn Sảng Chải, xã Mường Khương, tỉnh Lào Cai",
        contact_phone="0354 118 206",
        zalo_phone="0354 118 206",
        bank_bin="970415",
        account_number="106871234592",
        account_name="HTX NONG SAN MUONG KHUONG",
        status="approved",
        products=(
            _p(
                "Tương ớt Mường Khương",
                "spices",
                55000,
                200,
                "chai 500 ml",
                780,
                "Ớt chỉ thiên chín đỏ xay cùng tỏi, gừng và chút đường, ủ trong chum sành theo "
                "cách của người Nùng. Cay thơm, sánh đặc, không chất tạo màu.",
                (4, "OCOP-LC-2024-0178", "2024-09-26"),
            ),
            _p(
                "Tương đậu nành Mường Khương",
                "spices",
                45000,
                130,
                "chai 500 ml",
                760,
                "Đậu tương rang vàng, ủ mốc tự nhiên rồi ngâm muối trong chum cả tháng. Vị ngọt "
                "đậm, thơm, chấm rau luộc hay kho cá đều ngon.",
                (3, "OCOP-LC-2025-0041", "2025-02-17"),
            ),
            _p(
                "Đậu tương Mường Khương",
                "rice-grains",
                60000,
                180,
                "túi 1 kg",
                1050,
                "Giống đậu tương hạt nhỏ, vàng ruộm, trồng trên nương; làm sữa đậu, đậu phụ hay "
                "tương đều béo. Hạt được sàng lọc kỹ, không lẫn sạn.",
            ),
            _p(
                "Đậu đen xanh lòng",
                "rice-grains",
                75000,
                0,
                "túi 1 kg",
                1050,
                "Đậu đen hạt nhỏ, ruột xanh, trồng xen ngô trên nương. Nấu chè, nấu nước uống "
                "giải nhiệt hay ninh với xương đều bở và thơm.",
            ),
            _p(
                "Gừng sẻ Mường Khương",
                "spices",
                50000,
                90,
                "túi 1 kg",
                1050,
                "Củ gừng sẻ nhỏ, nhiều xơ, rất cay và thơm. Dùng nấu ăn, pha trà gừng hoặc làm "
                "mứt ngày Tết.",
            ),
        ),
    ),
    DemoStall(
        slug="homestay-ban-cat-cat",
        name="Homestay bản Cát Cát",
        owner_email=_MY,
        story=(
            "Ngôi nhà gỗ ba gian của một gia đình người Mông ở bản Cát Cát được Mỷ cùng người "
            "anh họ sửa lại thành homestay năm 2022. Từ hiên nhà nhìn thẳng xuống thác Tiên Sa "
            "và thung lũng Mường Hoa.\n"
            "Khách được ăn cơm cùng gia đình, học thêu và nhuộm chàm với các bà trong bản."
        ),
        province="Lào Cai",
        commune="phường Sa Pa",
        pickup_address="Bản Cát Cát, phường Sa Pa, tỉnh Lào Cai",
        contact_phone="0868 402 517",
        zalo_phone="0868 402 517",
        bank_bin="970422",
        account_number="0868402517",
        account_name="THAO THI MY",
        status="approved",
        products=(
            _p(
                "Phòng đôi nhà gỗ view thung lũng",
                "homestay-tours",
                650000,
                4,
                "đêm/phòng đôi",
                0,
                "Phòng riêng trên gác gỗ, giường đôi, chăn bông dày và cửa sổ nhìn ra ruộng bậc "
                "thang. Giá đã gồm bữa sáng với bánh ngô và trà Shan Tuyết.",
                (3, "OCOP-LC-2025-0187", "2025-07-09"),
            ),
            _p(
                "Giường tầng phòng chung",
                "homestay-tours",
                180000,
                12,
                "đêm/người",
                0,
                "Phòng chung 6 giường có rèm riêng, hợp với bạn đi một mình hoặc nhóm bạn. Nhà "
                "tắm nước nóng dùng chung, có tủ khoá để đồ.",
            ),
            _p(
                "Tour trekking Cát Cát – Ý Linh Hồ – Lao Chải",
                "homestay-tours",
                450000,
                20,
                "người",
                0,
                "Một ngày đi bộ khoảng 12 km cùng hướng dẫn viên người Mông trong bản, qua rừng "
                "và ruộng bậc thang.\nGiá gồm bữa trưa tại nhà dân và nước uống.",
            ),
            _p(
                "Lớp nhuộm chàm và vẽ sáp ong",
                "homestay-tours",
                250000,
                15,
                "người",
                0,
                "Ba giờ học vẽ hoa văn bằng sáp ong lên vải lanh rồi nhuộm chàm cùng các bà trong "
                "bản. Mỗi người mang về một chiếc khăn tự làm.",
            ),
            _p(
                "Khăn thổ cẩm Mông Cát Cát",
                "handicrafts",
                180000,
                35,
                "chiếc",
                150,
                "Khăn vải lanh nhuộm chàm, thêu tay hoa văn Mông truyền thống, khổ 40 × 160 cm. "
                "Mỗi chiếc mất gần một tuần để hoàn thiện.",
            ),
        ),
    ),
    DemoStall(
        slug="gao-nep-tu-le",
        name="Gạo nếp Tú Lệ",
        owner_email=_MY,
        story=(
            "Nhóm thanh niên người Thái ở xã Tú Lệ mở gian hàng để bán nếp Tú Lệ và cốm mới "
            "của bản; Mỷ giúp nhóm làm thủ tục trên Chợ Phiên. Lúa nếp được cấy ở thung lũng "
            "lòng chảo dưới chân đèo Khau Phạ."
        ),
        province="Lào Cai",
        commune="xã Tú Lệ",
        pickup_address="Bản Lìm Thái, xã Tú Lệ, tỉnh Lào Cai",
        contact_phone="0823 615 904",
        zalo_phone="0823 615 904",
        bank_bin="970405",
        account_number="8709205336184",
        account_name="LO THI NHUNG",
        status="pending",
        products=(
            _p(
                "Gạo nếp Tú Lệ",
                "rice-grains",
                130000,
                100,
                "túi 2 kg",
                2100,
                "Hạt nếp tròn, trắng đục, đồ xôi dẻo thơm mà để nguội vẫn không cứng. Mỗi năm chỉ "
                "cấy một vụ trên những thửa ruộng ven suối.",
            ),
            _p(
                "Cốm Tú Lệ",
                "other",
                180000,
                0,
                "túi 500 g",
                560,
                "Cốm giã từ lúa nếp non vào tháng 9–10, hạt dẹt, màu xanh ngà, thơm ngậy. Hàng "
                "theo mùa, bảo quản ngăn mát và dùng trong một tuần.",
            ),
        ),
    ),
    # ---------------------------------------------------------------- Điện Biên
    DemoStall(
        slug="gao-dien-bien-muong-thanh",
        name="Gạo Điện Biên Mường Thanh",
        owner_email=_PANH,
        story=(
            "Lò Văn Pành, chàng trai Thái sinh năm 1995, bỏ việc ở Hà Nội về quê làm giám đốc "
            "hợp tác xã lúa gạo trên cánh đồng Mường Thanh. HTX liên kết với hơn 60 hộ trong "
            "bản, trồng Séng Cù và Bắc Thơm theo hướng giảm phân bón hoá học.\n"
            "Gạo được xay mới mỗi tuần nên luôn giữ mùi thơm."
        ),
        province="Điện Biên",
        commune="xã Thanh An",
        pickup_address="Bản Co Mỵ, xã Thanh An, tỉnh Điện Biên",
        contact_phone="0915 307 226",
        zalo_phone="0915 307 226",
        bank_bin="970405",
        account_number="8900205612047",
        account_name="HTX LUA GAO MUONG THANH",
        status="approved",
        products=(
            _p(
                "Gạo Séng Cù Điện Biên",
                "rice-grains",
                170000,
                250,
                "túi 5 kg",
                5150,
                "Hạt gạo thon dài, hơi đục, nấu cơm dẻo, mềm và ngọt đậm, để nguội vẫn ngon. Giống "
                "lúa quý của vùng cao, mỗi năm chỉ cấy một vụ.",
                (4, "OCOP-DB-2024-0062", "2024-11-05"),
            ),
            _p(
                "Gạo Bắc Thơm số 7 Điện Biên",
                "rice-grains",
                150000,
                220,
                "túi 5 kg",
                5150,
                "Giống lúa thơm quen thuộc trên cánh đồng Mường Thanh, hạt nhỏ, cơm dẻo và thơm "
                "lâu. Hợp cho bữa cơm gia đình hằng ngày.",
                (3, "OCOP-DB-2025-0019", "2025-04-22"),
            ),
            _p(
                "Gạo nếp nương Điện Biên",
                "rice-grains",
                120000,
                140,
                "túi 2 kg",
                2100,
                "Nếp trồng trên nương, hạt to tròn, đồ xôi hay làm bánh đều dẻo và thơm. Bà con "
                "Thái vẫn dùng loại nếp này để làm xôi ngũ sắc ngày lễ.",
                (3, "OCOP-DB-2025-0020", "2025-04-22"),
            ),
            _p(
                "Gạo lứt đỏ Điện Biên",
                "rice-grains",
                110000,
                90,
                "túi 2 kg",
                2100,
                "Gạo lứt giữ nguyên cám đỏ, giàu chất xơ, hợp với người ăn kiêng và tập luyện. "
                "Ngâm 2 giờ trước khi nấu để cơm mềm hơn.",
            ),
        ),
    ),
    DemoStall(
        slug="bep-thai-tuan-giao",
        name="Bếp Thái Tuần Giáo",
        owner_email=_PANH,
        story=(
            "Nhóm chị em người Thái ở xã Tuần Giáo làm thịt trâu, lạp xưởng gác bếp và chẩm "
            "chéo theo công thức của các mế trong bản. Pành giúp nhóm đăng sản phẩm và gửi hàng "
            "đi các tỉnh.\n"
            "Thịt được tẩm mắc khén, hun khói trên gác bếp từ 2 đến 3 tuần."
        ),
        province="Điện Biên",
        commune="xã Tuần Giáo",
        pickup_address="Bản Đông, xã Tuần Giáo, tỉnh Điện Biên",
        contact_phone="0332 904 518",
        zalo_phone="0332 904 518",
        bank_bin="970418",
        account_number="4270291836",
        account_name="QUANG THI ON",
        status="approved",
        products=(
            _p(
                "Thịt trâu gác bếp",
                "other",
                520000,
                60,
                "gói 500 g",
                560,
                "Thịt bắp trâu thái thớ dọc, ướp mắc khén, gừng, sả, ớt rồi treo gác bếp đến khi "
                "se khô. Khi ăn chỉ cần hấp 10 phút, xé nhỏ, chấm chẩm chéo.",
                (3, "OCOP-DB-2024-0088", "2024-12-18"),
            ),
            _p(
                "Lạp xưởng gác bếp",
                "other",
                190000,
                85,
                "gói 500 g",
                560,
                "Thịt lợn bản nửa nạc nửa mỡ, ướp hạt dổi và mắc khén, nhồi ruột non rồi hun khói "
                "trên gác bếp. Rán nhỏ lửa hoặc nướng than đều thơm.",
                (3, "OCOP-DB-2024-0089", "2024-12-18"),
            ),
            _p(
                "Chẩm chéo Tuần Giáo",
                "spices",
                60000,
                120,
                "hũ 200 g",
                300,
                "Nước chấm của người Thái làm từ ớt nướng, tỏi, mắc khén và rau thơm giã nhuyễn. "
                "Ăn kèm thịt nướng, rau luộc hay xôi nếp đều hợp.",
            ),
            _p(
                "Măng khô Tuần Giáo",
                "other",
                170000,
                70,
                "túi 500 g",
                540,
                "Măng nứa rừng luộc chín, phơi nắng rồi gác bếp đến khi vàng sẫm. Ngâm nước vo "
                "gạo một đêm rồi nấu với chân giò, vịt hay thịt trâu.",
            ),
        ),
    ),
    DemoStall(
        slug="che-shan-tuyet-tua-chua",
        name="Chè Shan Tuyết Tủa Chùa",
        owner_email=_PANH,
        story=(
            "Hợp tác xã của các bạn trẻ người Mông trên cao nguyên đá Tủa Chùa, chăm những gốc "
            "chè Shan Tuyết cổ thụ có cây đã vài trăm năm tuổi. Pành kết nối HTX với Chợ Phiên "
            "và đi cùng các bạn đến hội chợ OCOP.\n"
            "Chè hái bằng tay và chế biến ngay trong ngày."
        ),
        province="Điện Biên",
        commune="xã Tủa Chùa",
        pickup_address="Thôn Tả Sìn Thàng, xã Tủa Chùa, tỉnh Điện Biên",
        contact_phone="0948 611 302",
        zalo_phone="0948 611 302",
        bank_bin="970405",
        account_number="8905205190442",
        account_name="HTX CHE SHAN TUYET TUA CHUA",
        status="approved",
        products=(
            _p(
                "Chè Shan Tuyết cổ thụ Tủa Chùa",
                "tea",
                260000,
                90,
                "hộp 200 g",
                300,
                "Búp chè từ những gốc cổ thụ ở độ cao 1.500 m, sao khô thủ công. Nước xanh vàng, "
                "hương cốm, vị chát nhẹ và hậu ngọt kéo dài.",
                (4, "OCOP-DB-2025-0034", "2025-06-03"),
            ),
            _p(
                "Chè Shan Tuyết sấy lạnh Tủa Chùa",
                "tea",
                300000,
                35,
                "hộp 100 g",
                190,
                "Búp tươi sấy lạnh ngay tại xưởng nên sợi chè giữ màu xanh lục và mùi thơm lá non. "
                "Pha được 4–5 nước, nước sau vẫn ngọt.",
                (3, "OCOP-DB-2021-0012", "2021-09-15"),
            ),
            _p(
                "Trà Shan Tuyết ướp hoa nhài",
                "tea",
                210000,
                50,
                "hộp 150 g",
                240,
                "Chè Shan Tuyết ướp với hoa nhài tươi qua ba lượt, hương thơm dịu mà không át vị "
                "chè. Hợp pha ấm tiếp khách.",
            ),
            _p(
                "Phổ Nhĩ Shan Tuyết bánh tròn",
                "tea",
                380000,
                20,
                "bánh 357 g",
                420,
                "Chè Shan Tuyết ép bánh và ủ lên men chậm trong kho gỗ. Nước đỏ nâu, vị êm, càng "
                "để lâu càng dịu.",
                (3, "OCOP-DB-2025-0035", "2025-06-03"),
            ),
        ),
    ),
    DemoStall(
        slug="khan-pieu-muong-phang",
        name="Khăn piêu Mường Phăng",
        owner_email=_PANH,
        story=(
            "Tổ thêu của 18 chị em người Thái ở xã Mường Phăng giữ nghề thêu khăn piêu mà các "
            "mế truyền lại. Pành giúp tổ chụp ảnh, đăng bán và nhận đặt hàng theo yêu cầu.\n"
            "Mỗi chiếc khăn thêu tay mất từ 10 ngày đến một tháng."
        ),
        province="Điện Biên",
        commune="xã Mường Phăng",
        pickup_address="Bản Che Căn, xã Mường Phăng, tỉnh Điện Biên",
        contact_phone="0789 223 614",
        zalo_phone="0789 223 614",
        bank_bin="970436",
        account_number="1031456789",
        account_name="LO THI HUONG",
        status="approved",
        products=(
            _p(
                "Khăn piêu thêu tay",
                "handicrafts",
                450000,
                25,
                "chiếc",
                200,
                "Khăn vải bông nhuộm chàm, hai đầu thêu cút piêu và hoa văn hình quả trám bằng chỉ "
                "nhiều màu. Dùng để đội đầu, quàng cổ hoặc treo trang trí.",
                (3, "OCOP-DB-2024-0101", "2024-10-30"),
            ),
            _p(
                "Túi đeo thổ cẩm Thái",
                "handicrafts",
                280000,
                40,
                "chiếc",
                250,
                "Túi vải dệt tay có lót trong và khoá kéo, quai đeo chéo điều chỉnh được. Hoa văn "
                "lấy cảm hứng từ khăn piêu.",
                (3, "OCOP-DB-2024-0102", "2024-10-30"),
            ),
            _p(
                "Áo cóm Thái nữ",
                "handicrafts",
                650000,
                15,
                "chiếc",
                300,
                "Áo cóm ôm dáng với hàng cúc bạc hình con bướm, may đo theo số đo bạn gửi. Thời "
                "gian may khoảng 7 ngày.",
            ),
            _p(
                "Gối tựa thêu hoa văn Thái",
                "handicrafts",
                320000,
                20,
                "chiếc",
                450,
                "Vỏ gối vuông 45 × 45 cm thêu tay, kèm ruột gối bông. Hợp cho ghế sofa hoặc góc "
                "đọc sách.",
            ),
            _p(
                "Một ngày ở bản Che Căn",
                "homestay-tours",
                350000,
                10,
                "người",
                0,
                "Học thêu khăn piêu, nấu cơm lam và tắm suối cùng người dân bản Che Căn. Giá gồm "
                "bữa trưa và bộ đồ thêu mang về.",
            ),
        ),
    ),
    DemoStall(
        slug="ca-phe-arabica-muong-ang",
        name="Cà phê Arabica Mường Ảng",
        owner_email=_PANH,
        story=(
            "Ba thanh niên người Thái và Khơ Mú ở xã Mường Ảng tự sơ chế, rang cà phê Arabica "
            "của gia đình trồng trên đồi ở độ cao 900 m. Pành hướng dẫn nhóm mở gian hàng trên "
            "Chợ Phiên."
        ),
        province="Điện Biên",
        commune="xã Mường Ảng",
        pickup_address="Bản Hua Nạ, xã Mường Ảng, tỉnh Điện Biên",
        contact_phone="0389 517 660",
        zalo_phone="0389 517 660",
        bank_bin="970422",
        account_number="3389517660",
        account_name="LO VAN DUONG",
        status="pending",
        products=(
            _p(
                "Cà phê Arabica Mường Ảng rang xay",
                "coffee",
                160000,
                50,
                "gói 500 g",
                540,
                "Arabica chín đỏ hái tay, sơ chế ướt và rang mộc mức vừa. Vị chua thanh, hương "
                "trái cây, hợp pha phin hoặc pha giấy lọc.",
            ),
        ),
    ),
    # ---------------------------------------------------------------- Quảng Trị
    DemoStall(
        slug="ca-phe-khe-sanh",
        name="Cà phê Khe Sanh Hồ Sơn",
        owner_email=_SON,
        story=(
            "Hồ Văn Sơn, người Vân Kiều ở Hướng Hóa, học chế biến nông sản rồi về quê mở xưởng "
            "rang cà phê nhỏ trên đất đỏ Khe Sanh. Sơn thu mua quả chín của hơn 40 hộ đồng bào, "
            "trả giá cao hơn thị trường để bà con chỉ hái quả chín.\n"
            "Xưởng rang mỗi ngày một mẻ, giao hàng trong tuần."
        ),
        province="Quảng Trị",
        commune="xã Khe Sanh",
        pickup_address="Thôn Tân Hòa, xã Khe Sanh, tỉnh Quảng Trị",
        contact_phone="0905 412 338",
        zalo_phone="0905 412 338",
        bank_bin="970415",
        account_number="104868123457",
        account_name="HO VAN SON",
        status="approved",
        products=(
            _p(
                "Cà phê Khe Sanh rang xay",
                "coffee",
                150000,
                180,
                "gói 500 g",
                540,
                "Phối trộn Arabica Catimor và Robusta trồng trên đất bazan Khe Sanh, rang mộc, "
                "không tẩm bơ hay hương liệu. Vị đậm, hậu ngọt, pha phin hay pha máy đều được.",
                (4, "OCOP-QT-2024-0145", "2024-09-12"),
            ),
            _p(
                "Cà phê hạt Arabica Khe Sanh",
                "coffee",
                220000,
                70,
                "túi 500 g",
                540,
                "Hạt Arabica sơ chế honey, rang vừa, túi có van một chiều giữ hương. Nhận xay theo "
                "yêu cầu: phin, espresso hoặc pha giấy lọc.",
                (3, "OCOP-QT-2025-0062", "2025-05-27"),
            ),
            _p(
                "Cà phê phin giấy Khe Sanh",
                "coffee",
                95000,
                140,
                "hộp 10 gói",
                220,
                "Mỗi gói 12 g cà phê xay sẵn trong túi lọc treo miệng cốc, chỉ cần rót nước nóng. "
                "Tiện mang theo khi đi làm, đi phượt.",
            ),
            _p(
                "Cà phê Robusta Hướng Hóa rang xay",
                "coffee",
                120000,
                160,
                "gói 500 g",
                540,
                "Robusta chín đỏ trồng ở các thôn vùng cao Hướng Hóa, rang đậm. Vị đắng mạnh, "
                "nhiều dầu, hợp pha cà phê sữa đá.",
                (3, "OCOP-QT-2024-0146", "2024-09-12"),
            ),
        ),
    ),
    DemoStall(
        slug="chuoi-say-huong-phung",
        name="Chuối sấy Hướng Phùng",
        owner_email=_SON,
        story=(
            "Nhóm khởi nghiệp của ba chị em người Vân Kiều ở xã Hướng Phùng làm chuối sấy từ "
            "chuối tiêu hồng trồng trên đồi. Sơn góp vốn mua máy sấy nhiệt thấp và cùng nhóm "
            "quản lý gian hàng.\n"
            "Sản phẩm không chiên dầu, không thêm đường."
        ),
        province="Quảng Trị",
        commune="xã Hướng Phùng",
        pickup_address="Thôn Cheng, xã Hướng Phùng, tỉnh Quảng Trị",
        contact_phone="0796 118 452",
        zalo_phone="0796 118 452",
        bank_bin="970418",
        account_number="5410219736",
        account_name="HO THI NGAN",
        status="approved",
        products=(
            _p(
                "Chuối sấy dẻo Hướng Phùng",
                "dried-fruit",
                75000,
                160,
                "gói 500 g",
                540,
                "Chuối tiêu hồng chín cây, bóc vỏ, sấy nguyên quả ở 55 °C trong 20 giờ. Vị ngọt "
                "tự nhiên, dẻo thơm, trẻ con rất thích.",
                (3, "OCOP-QT-2024-0171", "2024-12-09"),
            ),
            _p(
                "Chuối sấy giòn không dầu",
                "dried-fruit",
                65000,
                120,
                "túi 250 g",
                300,
                "Lát chuối mỏng sấy giòn bằng công nghệ sấy chân không, không chiên dầu. Ăn vặt "
                "lành mạnh hoặc rắc lên sữa chua, ngũ cốc.",
            ),
            _p(
                "Bột chuối xanh nguyên chất",
                "other",
                95000,
                60,
                "hũ 500 g",
                620,
                "Chuối xanh thái lát, sấy khô rồi xay mịn, giàu tinh bột kháng. Pha với nước ấm "
                "hoặc trộn vào sinh tố buổi sáng.",
            ),
            _p(
                "Mứt gừng Hướng Hóa",
                "dried-fruit",
                70000,
                45,
                "hộp 300 g",
                380,
                "Gừng non thái lát, ngâm cho bớt cay rồi sên với đường đến khi khô mặt. Cay ấm, "
                "ngọt nhẹ, hợp uống trà ngày lạnh.",
            ),
        ),
    ),
    DemoStall(
        slug="duoc-lieu-dakrong",
        name="Dược liệu Đakrông",
        owner_email=_SON,
        story=(
            "Hợp tác xã của thanh niên người Pa Kô và Vân Kiều ở xã Đakrông trồng cà gai leo, "
            "nuôi nấm linh chi, chưng cất tinh dầu tràm và khai thác mật ong rừng bền vững. Sơn "
            "giới thiệu HTX lên Chợ Phiên và lo vận chuyển.\n"
            "HTX cam kết không lấy mật non, không đốt tổ ong."
        ),
        province="Quảng Trị",
        commune="xã Đakrông",
        pickup_address="Thôn Khe Ngài, xã Đakrông, tỉnh Quảng Trị",
        contact_phone="0364 720 193",
        zalo_phone="0364 720 193",
        bank_bin="970405",
        account_number="3907205418266",
        account_name="HTX DUOC LIEU DAKRONG",
        status="approved",
        products=(
            _p(
                "Trà cà gai leo túi lọc",
                "tea",
                85000,
                130,
                "hộp 25 túi",
                150,
                "Cà gai leo trồng trên đất đồi, phơi khô, cắt nhỏ đóng túi lọc. Vị hơi đắng, hậu "
                "ngọt; người dân quen dùng thay nước chè hằng ngày.",
                (3, "OCOP-QT-2025-0088", "2025-08-14"),
            ),
            _p(
                "Nấm linh chi đỏ Đakrông",
                "mushrooms",
                450000,
                25,
                "hộp 250 g",
                330,
                "Linh chi trồng trên phôi gỗ keo, thu hái khi tai nấm già, sấy khô nguyên tai. "
                "Thái lát mỏng, hãm với nước sôi hoặc sắc lấy nước uống.",
                (4, "OCOP-QT-2025-0089", "2025-08-14"),
            ),
            _p(
                "Mật ong rừng Đakrông",
                "honey",
                380000,
                30,
                "chai 500 ml",
                850,
                "Mật ong khoái lấy từ rừng tự nhiên mùa hoa tháng 3–4, chỉ cắt phần sáp có mật "
                "chín. Mật đặc, màu nâu sẫm, vị ngọt gắt đặc trưng.",
                (4, "OCOP-QT-2024-0153", "2024-10-17"),
            ),
            _p(
                "Tinh dầu tràm Đakrông",
                "other",
                70000,
                100,
                "chai 50 ml",
                150,
                "Chưng cất từ lá tràm gió hái trên đồi, giữ ấm cho trẻ nhỏ và người già, xua "
                "muỗi. Nhỏ vài giọt vào nước tắm hoặc thoa lòng bàn chân.",
                (3, "OCOP-QT-2022-0026", "2022-06-28"),
            ),
        ),
    ),
    DemoStall(
        slug="ho-tieu-con-tien",
        name="Hồ tiêu Cồn Tiên",
        owner_email=_SON,
        story=(
            "Chú của Sơn trồng tiêu trên vùng đất đỏ Cồn Tiên từ những năm 1990. Nay hai chú "
            "cháu cùng thanh niên trong thôn lập tổ hợp tác, phơi tiêu trên giàn sạch và đóng "
            "gói tại chỗ.\n"
            "Tiêu Cồn Tiên hạt chắc, cay nồng và thơm lâu."
        ),
        province="Quảng Trị",
        commune="xã Cồn Tiên",
        pickup_address="Thôn Hảo Sơn, xã Cồn Tiên, tỉnh Quảng Trị",
        contact_phone="0839 204 771",
        zalo_phone="0839 204 771",
        bank_bin="970436",
        account_number="0451000387261",
        account_name="HO VAN SON",
        status="approved",
        products=(
            _p(
                "Hồ tiêu đen Cồn Tiên",
                "spices",
                110000,
                200,
                "gói 500 g",
                540,
                "Hạt tiêu phơi nắng tự nhiên, sàng bỏ hạt lép, cay nồng và thơm lâu. Xay ngay "
                "trước khi nấu để giữ trọn mùi.",
                (4, "OCOP-QT-2025-0019", "2025-03-06"),
            ),
            _p(
                "Tiêu sọ trắng Cồn Tiên",
                "spices",
                95000,
                80,
                "hũ 200 g",
                300,
                "Tiêu chín đỏ ngâm bóc vỏ, phơi khô thành hạt trắng ngà, vị cay thanh. Hợp nêm "
                "súp, cháo và các món cá.",
                (3, "OCOP-QT-2025-0020", "2025-03-06"),
            ),
            _p(
                "Dầu lạc ép Gio Linh",
                "other",
                90000,
                110,
                "chai 1 lít",
                1100,
                "Lạc đỏ trồng trên đất cát, ép nguội bằng máy ép vít, để lắng tự nhiên. Dầu vàng "
                "trong, thơm mùi lạc rang.",
                (3, "OCOP-QT-2025-0021", "2025-03-06"),
            ),
            _p(
                "Đậu xanh Gio Linh",
                "rice-grains",
                55000,
                150,
                "túi 1 kg",
                1050,
                "Đậu xanh hạt nhỏ, vỏ mỡ, trồng trên đất đỏ; nấu chè hay đồ xôi đều bở tơi. Có "
                "loại nguyên vỏ và loại đã tách vỏ, ghi chú khi đặt hàng.",
            ),
        ),
    ),
    DemoStall(
        slug="homestay-phong-nha-ben-song",
        name="Homestay Phong Nha Bên Sông",
        owner_email=_SON,
        story=(
            "Sơn cùng một người bạn ở xã Phong Nha mở homestay 6 phòng bên sông Son, cách bến "
            "thuyền vào động Phong Nha 10 phút đạp xe. Hai bạn tổ chức đạp xe, chèo kayak và "
            "thăm làng cho khách.\n"
            "Bữa sáng có cháo canh, bánh bột lọc và cà phê Khe Sanh."
        ),
        province="Quảng Trị",
        commune="xã Phong Nha",
        pickup_address="Thôn Cù Lạc 2, xã Phong Nha, tỉnh Quảng Trị",
        contact_phone="0914 605 227",
        zalo_phone="0914 605 227",
        bank_bin="970407",
        account_number="19036280514011",
        account_name="HO VAN SON",
        status="approved",
        products=(
            _p(
                "Phòng đôi view sông Son",
                "homestay-tours",
                550000,
                6,
                "đêm/phòng đôi",
                0,
                "Phòng rộng 25 m² có ban công nhìn ra sông, giường đôi, điều hoà và nhà tắm "
                "riêng. Giá gồm bữa sáng và xe đạp miễn phí.",
                (3, "OCOP-QT-2025-0101", "2025-09-19"),
            ),
            _p(
                "Phòng gia đình 4 người",
                "homestay-tours",
                850000,
                3,
                "đêm/phòng",
                0,
                "Hai giường đôi, hợp với gia đình có trẻ nhỏ, có góc ngồi uống trà. Được mượn áo "
                "phao và mũ khi đi kayak.",
            ),
            _p(
                "Tour đạp xe làng quê Phong Nha",
                "homestay-tours",
                300000,
                20,
                "người",
                0,
                "Nửa ngày đạp xe qua cánh đồng, thung lũng Bong Lai và những trang trại nhỏ của "
                "người dân. Giá gồm hướng dẫn viên, nước uống và bữa trưa nhẹ.",
            ),
            _p(
                "Chèo kayak sông Son lúc hoàng hôn",
                "homestay-tours",
                250000,
                16,
                "người",
                0,
                "Hai giờ chèo kayak đôi trên đoạn sông yên ả, ngắm núi đá vôi đổi màu lúc chiều "
                "tà. Có áo phao và người hướng dẫn đi kèm.",
            ),
        ),
    ),
    DemoStall(
        slug="khoai-deo-hai-lang",
        name="Khoai deo Hải Lăng",
        owner_email=_SON,
        story=(
            "Hai chị em ở xã Hải Lăng nối nghề làm khoai deo của mẹ, dùng khoai lang trồng trên "
            "đất cát ven biển. Khoai được hấp chín, thái lát rồi phơi nhiều nắng đến khi dẻo "
            "quánh. Sơn giúp hai chị em mở gian hàng trên Chợ Phiên."
        ),
        province="Quảng Trị",
        commune="xã Hải Lăng",
        pickup_address="Thôn Câu Nhi, xã Hải Lăng, tỉnh Quảng Trị",
        contact_phone="0842 336 190",
        zalo_phone="0842 336 190",
        bank_bin="970405",
        account_number="3906205772018",
        account_name="LE THI THANH",
        status="pending",
        products=(
            _p(
                "Khoai deo Hải Lăng",
                "dried-fruit",
                90000,
                80,
                "gói 500 g",
                540,
                "Khoai lang ruột vàng hấp chín, thái lát, phơi nắng nhiều ngày đến khi dẻo và "
                "ngọt lịm. Ăn ngay hoặc nướng sơ trên than cho thơm.",
            ),
        ),
    ),
    # ------------------------------------------------------------------ Đắk Lắk
    DemoStall(
        slug="sau-rieng-ea-knop",
        name="Sầu riêng Ea Knốp",
        owner_email=_HHEN,
        story=(
            "Vườn sầu riêng 4 ha của gia đình H'Hen Niê ở xã Ea Knốp được chăm theo hướng hữu "
            "cơ, bón phân chuồng ủ và phủ cỏ giữ ẩm. H'Hen học kinh tế nông nghiệp ở Buôn Ma "
            "Thuột rồi về làm thêm sầu riêng sấy để bán quanh năm.\n"
            "Quả chỉ cắt khi đã già, để chín tự nhiên, không nhúng thuốc."
        ),
        province="Đắk Lắk",
        commune="xã Ea Knốp",
        pickup_address="Thôn 7, xã Ea Knốp, tỉnh Đắk Lắk",
        contact_phone="0935 128 406",
        zalo_phone="0935 128 406",
        bank_bin="970418",
        account_number="6301045882917",
        account_name="H HEN NIE",
        status="approved",
        products=(
            _p(
                "Sầu riêng Ri6 Ea Knốp",
                "other",
                95000,
                0,
                "kg",
                1100,
                "Sầu riêng Ri6 cơm vàng, hạt lép, béo ngọt, cắt già và để chín tự nhiên. Bán theo "
                "kg, mỗi quả 2–4 kg.\nMùa thu hoạch từ tháng 6 đến tháng 9.",
                (4, "OCOP-DL-2024-0212", "2024-11-27"),
            ),
            _p(
                "Sầu riêng Dona Ea Knốp",
                "other",
                85000,
                0,
                "kg",
                1100,
                "Giống Monthong (Dona) quả to, cơm dày, màu vàng nhạt, ngọt thanh, ít đắng. Bán "
                "theo kg, quả 3–5 kg, đóng thùng xốp có lỗ thoáng.",
            ),
            _p(
                "Sầu riêng sấy thăng hoa",
                "dried-fruit",
                185000,
                70,
                "hộp 100 g",
                220,
                "Múi sầu riêng Ri6 chín được sấy thăng hoa nên giòn xốp mà vẫn giữ vị béo và mùi "
                "thơm. Không đường, không chất bảo quản, có quanh năm.",
                (4, "OCOP-DL-2025-0077", "2025-04-10"),
            ),
            _p(
                "Cơm sầu riêng cấp đông",
                "other",
                290000,
                25,
                "hộp 1 kg",
                1300,
                "Múi sầu riêng tách sẵn, hút chân không và cấp đông nhanh. Giao trong thùng giữ "
                "lạnh; để ngăn đá dùng được 3 tháng.",
            ),
        ),
    ),
    DemoStall(
        slug="ca-phe-buon-ma-thuot-hoa-phu",
        name="Cà phê Buôn Ma Thuột Hòa Phú",
        owner_email=_HHEN,
        story=(
            "Hợp tác xã cà phê của 35 hộ người Ê Đê và Kinh ở xã Hòa Phú, trồng Robusta theo "
            "chuẩn bền vững và đang chuyển dần sang hữu cơ. H'Hen phụ trách gian hàng trực "
            "tuyến và rang mẫu cho khách thử.\n"
            "HTX chỉ thu hái quả chín, phơi trên giàn cao để hạt sạch và đều màu."
        ),
        province="Đắk Lắk",
        commune="xã Hòa Phú",
        pickup_address="Thôn 4, xã Hòa Phú, tỉnh Đắk Lắk",
        contact_phone="0984 502 713",
        zalo_phone="0984 502 713",
        bank_bin="970405",
        account_number="5200205439807",
        account_name="HTX CA PHE HOA PHU",
        status="approved",
        products=(
            _p(
                "Cà phê Robusta Buôn Ma Thuột rang xay",
                "coffee",
                140000,
                240,
                "gói 500 g",
                540,
                "Robusta chín đỏ trồng trên đất bazan, rang mộc mức đậm vừa. Nước cà phê sánh, "
                "đắng đậm, hậu ngọt, hợp pha phin truyền thống.",
                (5, "OCOP-DL-2024-0018", "2024-09-30"),
            ),
            _p(
                "Cà phê Robusta honey hạt rang",
                "coffee",
                190000,
                90,
                "túi 500 g",
                540,
                "Hạt Robusta sơ chế honey (giữ lớp nhớt khi phơi), rang vừa để lộ vị ngọt caramel "
                "và chua nhẹ. Hợp pha espresso hoặc cold brew.",
                (4, "OCOP-DL-2025-0103", "2025-07-22"),
            ),
            _p(
                "Cà phê Culi Buôn Ma Thuột",
                "coffee",
                170000,
                60,
                "gói 500 g",
                540,
                "Hạt culi (mỗi quả chỉ có một hạt tròn) được tuyển riêng, vị đắng gắt và hương "
                "thơm mạnh. Dành cho người thích cà phê thật đậm.",
                (4, "OCOP-DL-2025-0104", "2025-07-22"),
            ),
            _p(
                "Trà vỏ cà phê",
                "tea",
                85000,
                50,
                "túi 200 g",
                230,
                "Vỏ quả cà phê chín phơi khô, hãm như trà, có vị ngọt như nho khô và chua nhẹ. "
                "Uống nóng hay pha lạnh với đá đều ngon.",
            ),
        ),
    ),
    DemoStall(
        slug="bo-mac-ca-krong-nang",
        name="Bơ và mắc ca Krông Năng",
        owner_email=_HHEN,
        story=(
            "Trang trại của anh trai H'Hen ở xã Krông Năng trồng bơ 034 xen với mắc ca trên đồi "
            "đất đỏ. Anh chăm vườn, còn H'Hen lo đóng gói và bán hàng.\n"
            "Bơ chỉ hái khi đủ già, gửi đi lúc còn cứng để chín dần trên đường."
        ),
        province="Đắk Lắk",
        commune="xã Krông Năng",
        pickup_address="Buôn Ea Tóh, xã Krông Năng, tỉnh Đắk Lắk",
        contact_phone="0345 806 129",
        zalo_phone="0345 806 129",
        bank_bin="970418",
        account_number="6310572194",
        account_name="Y BLIM NIE",
        status="approved",
        products=(
            _p(
                "Bơ sáp 034 Krông Năng",
                "other",
                55000,
                150,
                "kg",
                1100,
                "Bơ 034 quả dài, vỏ xanh mỏng, cơm vàng dẻo như sáp, béo ngậy. Mỗi kg 2–3 quả; để "
                "chín ở nhiệt độ phòng 3–5 ngày.",
                (3, "OCOP-DL-2025-0140", "2025-09-05"),
            ),
            _p(
                "Bơ booth Đắk Lắk",
                "other",
                45000,
                100,
                "kg",
                1100,
                "Quả tròn to, có quả nặng gần 1 kg, cơm dày, vị béo nhẹ. Hợp làm sinh tố và salad.",
            ),
            _p(
                "Hạt mắc ca nứt vỏ sấy",
                "other",
                210000,
                120,
                "túi 500 g",
                540,
                "Mắc ca sấy củi đến khi hạt giòn, nứt vỏ sẵn, kèm dụng cụ tách. Vị béo bùi, ăn "
                "vặt hay làm sữa hạt đều ngon.",
                (4, "OCOP-DL-2025-0141", "2025-09-05"),
            ),
            _p(
                "Nhân mắc ca rang muối",
                "other",
                320000,
                60,
                "hũ 400 g",
                500,
                "Nhân mắc ca đã tách vỏ, rang với chút muối hồng. Hũ thuỷ tinh có nắp kín, giữ "
                "giòn lâu.",
                (3, "OCOP-DL-2025-0142", "2025-09-05"),
            ),
        ),
    ),
    DemoStall(
        slug="ca-cao-krong-ana",
        name="Ca cao Krông Ana",
        owner_email=_HHEN,
        story=(
            "Nhóm bạn trẻ người Ê Đê ở xã Krông Ana lên men hạt ca cao của buôn rồi tự làm bột "
            "và sô cô la thủ công. H'Hen là một trong ba người sáng lập, phụ trách gian hàng và "
            "lớp trải nghiệm.\n"
            "Hạt được ủ men 6 ngày trong thùng gỗ, phơi nắng trên sàn tre."
        ),
        province="Đắk Lắk",
        commune="xã Krông Ana",
        pickup_address="Buôn Kmăl, xã Krông Ana, tỉnh Đắk Lắk",
        contact_phone="0767 403 518",
        zalo_phone="0767 403 518",
        bank_bin="970422",
        account_number="0767403518",
        account_name="H HEN NIE",
        status="approved",
        products=(
            _p(
                "Bột ca cao nguyên chất",
                "other",
                150000,
                90,
                "hũ 250 g",
                330,
                "Hạt ca cao lên men, rang và ép bớt bơ, xay thành bột mịn màu nâu đỏ. Không "
                "đường, không sữa; pha nóng, làm bánh hay sinh tố.",
                (4, "OCOP-DL-2024-0260", "2024-12-20"),
            ),
            _p(
                "Sô cô la đen 70% Đắk Lắk",
                "other",
                85000,
                140,
                "thanh 80 g",
                120,
                "Sô cô la làm thủ công từ hạt ca cao của buôn, 70% ca cao, đắng dịu và thơm mùi "
                "trái cây chín. Bảo quản nơi mát dưới 25 °C.",
                (3, "OCOP-DL-2025-0021", "2025-02-25"),
            ),
            _p(
                "Ngòi ca cao rang",
                "other",
                120000,
                70,
                "túi 200 g",
                230,
                "Hạt ca cao rang rồi tách vỏ, bẻ vụn (cacao nibs), giòn và đắng nhẹ. Rắc lên sữa "
                "chua, ngũ cốc hoặc trộn bánh.",
            ),
            _p(
                "Trà vỏ ca cao",
                "tea",
                65000,
                55,
                "túi 150 g",
                180,
                "Vỏ lụa hạt ca cao rang thơm, hãm như trà, có mùi sô cô la nhẹ. Uống nóng trước "
                "khi ngủ rất dễ chịu.",
            ),
            _p(
                "Lớp làm sô cô la tại buôn",
                "homestay-tours",
                300000,
                12,
                "người",
                0,
                "Ba giờ tham quan vườn ca cao, tự tay rang hạt và đổ khuôn sô cô la mang về. Nhận "
                "khách từ 2 người, đặt trước một ngày.",
            ),
        ),
    ),
    DemoStall(
        slug="tho-cam-ako-dhong",
        name="Thổ cẩm buôn Akô Dhông",
        owner_email=_HHEN,
        story=(
            "Buôn Akô Dhông nằm ngay trong lòng Buôn Ma Thuột, nơi các bà, các chị người Ê Đê "
            "vẫn dệt thổ cẩm trên khung dệt đeo lưng. H'Hen cùng mấy người bạn trong buôn mở "
            "gian hàng bán thổ cẩm và đón khách nghỉ ở nhà dài.\n"
            "Mỗi tấm vải dệt tay mất từ 3 ngày đến 2 tuần."
        ),
        province="Đắk Lắk",
        commune="phường Tân Lập",
        pickup_address="Buôn Akô Dhông, phường Tân Lập, tỉnh Đắk Lắk",
        contact_phone="0978 614 205",
        zalo_phone="0978 614 205",
        bank_bin="970436",
        account_number="0561000473925",
        account_name="H HEN NIE",
        status="approved",
        products=(
            _p(
                "Khăn choàng thổ cẩm Ê Đê",
                "handicrafts",
                380000,
                30,
                "chiếc",
                250,
                "Khăn dệt tay nền đen, viền đỏ và hoa văn hình thoi, khổ 35 × 180 cm. Sợi bông "
                "nhuộm màu từ vỏ cây và lá rừng.",
            ),
            _p(
                "Túi xách thổ cẩm Ê Đê",
                "handicrafts",
                320000,
                25,
                "chiếc",
                300,
                "Túi vải thổ cẩm may cùng quai da, có ngăn trong đựng điện thoại. Kích thước 30 × "
                "25 cm, đi làm hay đi chơi đều hợp.",
                (3, "OCOP-DL-2025-0122", "2025-08-01"),
            ),
            _p(
                "Váy thổ cẩm Ê Đê",
                "handicrafts",
                950000,
                8,
                "chiếc",
                600,
                "Váy quấn truyền thống dệt từ sợi bông, hoa văn dải ngang đỏ, vàng trên nền đen. "
                "Mỗi chiếc là một tấm vải nguyên, không cắt ghép.",
            ),
            _p(
                "Nghỉ đêm nhà dài Ê Đê",
                "homestay-tours",
                250000,
                15,
                "đêm/người",
                0,
                "Ngủ trên sàn gỗ nhà dài truyền thống, có đệm, chăn và màn. Buổi tối được nghe kể "
                "khan và nghe cồng chiêng nếu đi theo nhóm.",
            ),
            _p(
                "Tour cồng chiêng và ẩm thực Ê Đê",
                "homestay-tours",
                450000,
                20,
                "người",
                0,
                "Một buổi tối trong buôn với cơm lam, gà nướng, canh cà đắng và màn trình diễn "
                "cồng chiêng. Nhận nhóm từ 6 người.",
            ),
        ),
    ),
    DemoStall(
        slug="mat-ong-ea-hleo",
        name="Mật ong Ea H'leo",
        owner_email=_HHEN,
        story=(
            "Trại ong của nhóm thanh niên ở xã Ea H'leo, do H'Hen cùng người em họ quản lý, di "
            "chuyển đàn ong theo mùa hoa cà phê, hoa keo và hoa nhãn. Mật chỉ quay khi ong đã "
            "vít nắp để đạt độ chín.\n"
            "Nhóm không cho ong ăn đường trong mùa lấy mật."
        ),
        province="Đắk Lắk",
        commune="xã Ea H'leo",
        pickup_address="Thôn 2, xã Ea H'leo, tỉnh Đắk Lắk",
        contact_phone="0396 227 814",
        zalo_phone="0396 227 814",
        bank_bin="970405",
        account_number="5211205068134",
        account_name="Y THUAN NIE",
        status="approved",
        products=(
            _p(
                "Mật ong hoa cà phê",
                "honey",
                180000,
                150,
                "chai 500 ml",
                850,
                "Mật lấy vào tháng 2–3 khi cà phê nở trắng đồi, màu vàng nhạt, thơm dịu, hậu hơi "
                "đắng. Mật chín, không pha, kết tinh tự nhiên khi trời lạnh.",
                (4, "OCOP-DL-2024-0233", "2024-12-03"),
            ),
            _p(
                "Mật ong hoa keo",
                "honey",
                150000,
                110,
                "chai 500 ml",
                850,
                "Màu vàng sáng, vị ngọt thanh, ít kết tinh. Hợp pha nước chanh, pha trà hoặc ướp "
                "thịt nướng.",
                (3, "OCOP-DL-2024-0234", "2024-12-03"),
            ),
            _p(
                "Mật ong hoa nhãn",
                "honey",
                200000,
                60,
                "chai 500 ml",
                850,
                "Mật từ mùa hoa nhãn, thơm mùi nhãn chín, màu vàng nâu. Số lượng ít, mỗi năm chỉ "
                "quay một đợt.",
            ),
            _p(
                "Phấn hoa cà phê",
                "honey",
                160000,
                40,
                "hũ 250 g",
                330,
                "Phấn hoa ong lấy từ vườn cà phê, sấy lạnh, hạt vàng óng. Ăn trực tiếp hoặc trộn "
                "với sữa chua, mật ong.",
            ),
            _p(
                "Sáp ong tự nhiên",
                "other",
                60000,
                50,
                "bánh 200 g",
                230,
                "Sáp ong lọc sạch, đổ khuôn thành bánh, thơm mùi mật. Dùng làm nến, son dưỡng "
                "hoặc đánh bóng đồ gỗ.",
            ),
        ),
    ),
    # -------------------------------------------------------------- Thái Nguyên
    DemoStall(
        slug="che-tan-cuong-dang-lien",
        name="Chè Tân Cương Đặng Liên",
        owner_email=_LIEN,
        story=(
            "Đặng Thị Liên là đời thứ ba trong gia đình làm chè ở Tân Cương; học xong Đại học "
            "Nông Lâm, chị về làm giám đốc HTX chè của xóm. HTX có 28 hộ thành viên, sao chè "
            "bằng tôn quay rồi hoàn thiện trên chảo gang để giữ hương cốm.\n"
            "Khách có thể lên đồi hái và sao chè cùng gia đình."
        ),
        province="Thái Nguyên",
        commune="xã Tân Cương",
        pickup_address="Xóm Hồng Thái 2, xã Tân Cương, tỉnh Thái Nguyên",
        contact_phone="0982 703 416",
        zalo_phone="0982 703 416",
        bank_bin="970405",
        account_number="8501205329164",
        account_name="DANG THI LIEN",
        status="approved",
        products=(
            _p(
                "Chè Tân Cương móc câu",
                "tea",
                300000,
                200,
                "gói 500 g",
                540,
                "Búp chè một tôm hai lá, sao săn, cánh nhỏ cong như móc câu. Nước xanh vàng, hương "
                "cốm non, vị chát dịu rồi ngọt đượm — đúng chất chè Thái.",
                (4, "OCOP-TN-2024-0319", "2024-09-18"),
            ),
            _p(
                "Chè nõn tôm Tân Cương",
                "tea",
                260000,
                80,
                "hộp 200 g",
                290,
                "Chỉ hái phần nõn và một lá non đầu vụ xuân, cánh chè nhỏ, phủ tuyết trắng. Nước "
                "trong, vị ngọt hậu rõ và thơm lâu trong khoang miệng.",
                (5, "OCOP-TN-2025-0007", "2025-01-16"),
            ),
            _p(
                "Chè đinh Tân Cương",
                "tea",
                650000,
                20,
                "hộp 100 g",
                190,
                "Loại chè quý nhất, chỉ lấy phần búp nhỏ như chiếc đinh; một kg chè khô cần khoảng "
                "10 kg búp tươi. Hợp pha ấm nhỏ tiếp khách quý hoặc làm quà biếu.",
                (4, "OCOP-TN-2025-0008", "2025-01-16"),
            ),
            _p(
                "Trà xanh túi lọc Tân Cương",
                "tea",
                55000,
                180,
                "hộp 25 túi",
                120,
                "Chè xanh Tân Cương nghiền vừa, đóng túi lọc 2 g, pha nhanh ở văn phòng. Vị đậm "
                "vừa, không ướp hương.",
            ),
            _p(
                "Tour trải nghiệm hái chè Tân Cương",
                "homestay-tours",
                250000,
                30,
                "người",
                0,
                "Nửa ngày đội nón lên đồi hái chè, học vò và sao chè trên chảo gang cùng gia đình "
                "chị Liên. Mang về 100 g chè tự sao và được thưởng trà.",
            ),
        ),
    ),
    DemoStall(
        slug="htx-che-la-bang",
        name="HTX chè La Bằng",
        owner_email=_LIEN,
        story=(
            "Hợp tác xã ở chân núi Tam Đảo, xã La Bằng, nơi sương mù và đất đồi cho búp chè "
            "dày, vị đậm. Liên giúp các bạn trẻ trong HTX quản lý gian hàng và xây dựng thương "
            "hiệu hồng trà La Bằng.\n"
            "HTX có homestay nhỏ cạnh suối để khách ở lại ngắm đồi chè."
        ),
        province="Thái Nguyên",
        commune="xã La Bằng",
        pickup_address="Xóm Đồng Tiến, xã La Bằng, tỉnh Thái Nguyên",
        contact_phone="0869 305 742",
        zalo_phone="0869 305 742",
        bank_bin="970418",
        account_number="3910483276",
        account_name="HTX CHE LA BANG",
        status="approved",
        products=(
            _p(
                "Chè búp La Bằng",
                "tea",
                220000,
                150,
                "gói 500 g",
                540,
                "Chè búp sao khô thủ công, cánh săn, màu xanh đen. Nước vàng xanh, vị chát đậm, "
                "hợp người quen uống chè đặc.",
                (4, "OCOP-TN-2024-0288", "2024-10-02"),
            ),
            _p(
                "Hồng trà La Bằng",
                "tea",
                200000,
                70,
                "hộp 150 g",
                240,
                "Búp chè trung du lên men hoàn toàn, sấy than củi, nước đỏ nâu và thơm mùi mật. "
                "Uống nóng, pha trà sữa hay trà chanh đều hợp.",
                (3, "OCOP-TN-2025-0045", "2025-05-08"),
            ),
            _p(
                "Bột trà xanh La Bằng",
                "tea",
                150000,
                60,
                "hũ 100 g",
                170,
                "Lá chè non hấp, sấy khô rồi nghiền mịn bằng cối đá. Màu xanh tươi, dùng pha "
                "latte, làm bánh hoặc kem.",
            ),
            _p(
                "Homestay đồi chè La Bằng",
                "homestay-tours",
                500000,
                5,
                "đêm/phòng đôi",
                0,
                "Nhà gỗ nhỏ giữa đồi chè, có hiên nhìn ra dãy Tam Đảo. Giá gồm bữa sáng và một "
                "buổi thưởng trà cùng HTX.",
            ),
        ),
    ),
    DemoStall(
        slug="dac-san-ba-be",
        name="Đặc sản Ba Bể",
        owner_email=_LIEN,
        story=(
            "Liên hợp tác với nhóm thanh niên người Tày ở bản Pác Ngòi bên hồ Ba Bể để đưa đặc "
            "sản vùng Bắc Kạn cũ lên Chợ Phiên. Nhóm vừa làm homestay nhà sàn, vừa thu mua miến "
            "dong, hồng không hạt và gạo bao thai của bà con.\n"
            "Khách ở nhà sàn được đi thuyền độc mộc trên hồ."
        ),
        province="Thái Nguyên",
        commune="xã Ba Bể",
        pickup_address="Bản Pác Ngòi, xã Ba Bể, tỉnh Thái Nguyên",
        contact_phone="0912 408 653",
        zalo_phone="0912 408 653",
        bank_bin="970405",
        account_number="8610205247719",
        account_name="HOANG VAN TIEP",
        status="approved",
        products=(
            _p(
                "Miến dong Na Rì",
                "other",
                95000,
                160,
                "gói 1 kg",
                1050,
                "Miến làm từ tinh bột củ dong riềng, sợi nhỏ, dai, nấu không bị nát. Hợp nấu miến "
                "gà, miến ngan hay xào.",
                (4, "OCOP-BK-2024-0056", "2024-09-20"),
            ),
            _p(
                "Hồng không hạt sấy dẻo Ba Bể",
                "dried-fruit",
                180000,
                50,
                "hộp 500 g",
                560,
                "Hồng không hạt chín mềm, bóc vỏ, sấy dẻo nguyên quả đến khi lên lớp phấn đường "
                "trắng. Vị ngọt đậm, dẻo, rất hợp uống trà.",
                (3, "OCOP-BK-2024-0071", "2024-11-14"),
            ),
            _p(
                "Gạo bao thai Chợ Đồn",
                "rice-grains",
                85000,
                200,
                "túi 5 kg",
                5150,
                "Giống gạo quen thuộc của vùng núi Bắc Kạn, hạt nhỏ, cơm khô ráo, nở nhiều. Hợp "
                "nấu cơm hằng ngày và làm bún, bánh.",
                (3, "OCOP-BK-2024-0072", "2024-11-14"),
            ),
            _p(
                "Homestay nhà sàn Pác Ngòi",
                "homestay-tours",
                400000,
                8,
                "đêm/phòng đôi",
                0,
                "Phòng trên nhà sàn gỗ của người Tày, cách hồ Ba Bể vài bước chân. Giá gồm bữa "
                "sáng; bữa tối có cá nướng và rau rừng, đặt thêm.",
            ),
            _p(
                "Tour thuyền hồ Ba Bể – động Puông",
                "homestay-tours",
                350000,
                20,
                "người",
                0,
                "Nửa ngày đi thuyền qua ao Tiên, đảo Bà Góa và động Puông cùng người lái thuyền "
                "trong bản. Giá gồm áo phao và nước uống.",
            ),
        ),
    ),
    DemoStall(
        slug="nam-rung-dinh-hoa",
        name="Nấm rừng ATK Định Hóa",
        owner_email=_LIEN,
        story=(
            "Tổ hợp tác của các bạn trẻ người Tày và Dao ở xã Định Hóa, vùng an toàn khu ATK, "
            "thu hái nấm hương, mộc nhĩ và măng rừng theo mùa. Liên hướng dẫn tổ đóng gói, dán "
            "tem truy xuất nguồn gốc và mở gian hàng.\n"
            "Sản phẩm phơi, sấy khô tự nhiên, không xông lưu huỳnh."
        ),
        province="Thái Nguyên",
        commune="xã Định Hóa",
        pickup_address="Xóm Nà Lang, xã Định Hóa, tỉnh Thái Nguyên",
        contact_phone="0337 612 084",
        zalo_phone="0337 612 084",
        bank_bin="970415",
        account_number="107873456120",
        account_name="MA THI HUONG",
        status="approved",
        products=(
            _p(
                "Nấm hương rừng Định Hóa",
                "mushrooms",
                380000,
                45,
                "túi 500 g",
                560,
                "Nấm hương mọc trên thân gỗ mục trong rừng, mũ dày, nứt hoa, thơm đậm. Ngâm nước "
                "ấm 30 phút trước khi nấu canh, hầm gà hoặc xào.",
                (3, "OCOP-TN-2024-0301", "2024-09-25"),
            ),
            _p(
                "Mộc nhĩ đen rừng",
                "mushrooms",
                180000,
                80,
                "túi 500 g",
                540,
                "Mộc nhĩ tai nhỏ, dày và giòn, phơi khô tự nhiên. Ngâm nở gấp 6–8 lần, dùng làm "
                "nem, xào hoặc nấu canh.",
                (3, "OCOP-TN-2024-0302", "2024-09-25"),
            ),
            _p(
                "Nấm sò sấy giòn",
                "mushrooms",
                65000,
                100,
                "túi 200 g",
                230,
                "Nấm sò trồng trên mùn cưa, sấy giòn với chút muối và tiêu. Món ăn vặt nhẹ, thơm "
                "mùi nấm.",
            ),
            _p(
                "Măng vầu khô Định Hóa",
                "other",
                150000,
                90,
                "túi 500 g",
                540,
                "Măng vầu luộc kỹ, thái lát, phơi nắng đến khi vàng óng. Ngâm một đêm, luộc lại "
                "hai lần trước khi nấu để măng mềm và hết đắng.",
            ),
            _p(
                "Bánh chưng Bờ Đậu",
                "other",
                70000,
                40,
                "chiếc 1 kg",
                1100,
                "Bánh gói bằng gạo nếp nương, đỗ xanh và thịt lợn, luộc 10 tiếng theo cách của "
                "làng nghề Bờ Đậu. Hút chân không, để ngăn mát được 7 ngày.",
            ),
        ),
    ),
    DemoStall(
        slug="che-bup-tim-phu-luong",
        name="Chè búp tím Phú Lương",
        owner_email=_LIEN,
        story=(
            "Nhóm khởi nghiệp của hai chị em người Sán Chay ở xã Phú Lương trồng giống chè búp "
            "tím trên đồi nhà, được Liên giúp mở gian hàng. Búp chè màu tím đỏ, giàu "
            "anthocyanin, được làm thành chè xanh và trà túi lọc."
        ),
        province="Thái Nguyên",
        commune="xã Phú Lương",
        pickup_address="Xóm Làng Muông, xã Phú Lương, tỉnh Thái Nguyên",
        contact_phone="0703 518 249",
        zalo_phone="0703 518 249",
        bank_bin="970422",
        account_number="9703518249",
        account_name="LA THI THU",
        status="changes_requested",
        products=(
            _p(
                "Chè búp tím Phú Lương",
                "tea",
                350000,
                30,
                "hộp 200 g",
                290,
                "Búp chè non màu tím đỏ, sao nhẹ lửa để giữ màu. Nước trà màu hồng tím, vị chát "
                "nhẹ, thơm mùi lá non.",
            ),
            _p(
                "Trà búp tím túi lọc",
                "tea",
                90000,
                60,
                "hộp 20 túi",
                110,
                "Chè búp tím nghiền vừa, đóng túi lọc tiện dùng. Thêm lát chanh, nước trà chuyển "
                "sang màu hồng rất đẹp.",
            ),
        ),
    ),
    # -------------------------------------------------------------- Tuyên Quang
    DemoStall(
        slug="mat-ong-bac-ha-dong-van",
        name="Mật ong bạc hà Đồng Văn",
        owner_email="mai.giang@chophien.example",
        story=(
            "Giàng Thị Mai, người Mông ở xã Đồng Văn, cùng 30 hộ nuôi ong nội trên cao nguyên "
            "đá, nơi hoa bạc hà dại nở tím sườn núi từ tháng 10 đến tháng 12. Mai học nghề nuôi "
            "ong từ bố, rồi lập tổ hợp tác để giữ giá cho bà con.\n"
            "Mật chỉ quay một lần mỗi năm, vào cuối mùa hoa."
        ),
        province="Tuyên Quang",
        commune="xã Đồng Văn",
        pickup_address="Thôn Má Lầu A, xã Đồng Văn, tỉnh Tuyên Quang",
        contact_phone="0971 842 306",
        zalo_phone="0971 842 306",
        bank_bin="970405",
        account_number="8300205917426",
        account_name="GIANG THI MAI",
        status="approved",
        products=(
            _p(
                "Mật ong bạc hà Đồng Văn",
                "honey",
                380000,
                120,
                "chai 500 ml",
                850,
                "Mật ong từ hoa bạc hà dại trên cao nguyên đá, màu vàng chanh đến hổ phách, ngọt "
                "thanh, hơi the ở cuối. Để lâu mật kết tinh mịn như kem — dấu hiệu của mật thật.",
                (4, "OCOP-HG-2024-0066", "2024-10-11"),
            ),
            _p(
                "Mật ong bạc hà chai 1 lít",
                "honey",
                720000,
                45,
                "chai 1 lít",
                1600,
                "Cùng loại mật bạc hà Đồng Văn, đóng chai lớn cho gia đình dùng cả mùa đông. Bảo "
                "quản nơi khô mát, tránh ánh nắng.",
                (4, "OCOP-HG-2024-0067", "2024-10-11"),
            ),
            _p(
                "Mật ong bạc hà hũ quà tặng",
                "honey",
                210000,
                60,
                "hũ 250 g",
                400,
                "Hũ thuỷ tinh nhỏ bọc túi vải thổ cẩm Mông, hợp làm quà. Kèm thiệp kể chuyện mùa "
                "hoa bạc hà.",
            ),
            _p(
                "Bánh tam giác mạch",
                "other",
                60000,
                70,
                "hộp 10 chiếc",
                450,
                "Bột hạt tam giác mạch trộn mật ong bạc hà, nướng giòn. Vị bùi, thơm, ít ngọt — "
                "món quà nhỏ từ mùa hoa tam giác mạch.",
            ),
        ),
    ),
    DemoStall(
        slug="che-shan-tuyet-na-hang",
        name="Chè Shan Tuyết Na Hang",
        owner_email="hang.trieu@chophien.example",
        story=(
            "Triệu Thị Hằng, cô gái Dao ở Na Hang, lập HTX chè sau khi học xong cao đẳng. HTX "
            "chăm hơn 4.000 gốc chè Shan Tuyết cổ thụ mọc giữa rừng, nhiều cây cao 8–10 m phải "
            "bắc thang mới hái được.\n"
            "Chè được sao bằng chảo gang và vò tay."
        ),
        province="Tuyên Quang",
        commune="xã Nà Hang",
        pickup_address="Thôn Nặm Đíp, xã Nà Hang, tỉnh Tuyên Quang",
        contact_phone="0359 614 027",
        zalo_phone="0359 614 027",
        bank_bin="970405",
        account_number="8100205637281",
        account_name="TRIEU THI HANG",
        status="approved",
        products=(
            _p(
                "Chè Shan Tuyết Na Hang",
                "tea",
                320000,
                70,
                "hộp 200 g",
                300,
                "Búp chè cổ thụ hái ở độ cao trên 1.000 m, phủ lông trắng mịn. Nước vàng sáng, "
                "hương thơm tự nhiên, chát nhẹ và ngọt hậu lâu.",
                (4, "OCOP-TQ-2024-0023", "2024-11-20"),
            ),
            _p(
                "Hồng trà Shan Tuyết Na Hang",
                "tea",
                280000,
                40,
                "hộp 150 g",
                250,
                "Búp Shan Tuyết lên men, sấy củi, nước đỏ cam, thơm mùi mật và hoa quả chín. Vị "
                "êm, hầu như không chát.",
                (4, "OCOP-TQ-2025-0051", "2025-08-26"),
            ),
            _p(
                "Hoàng trà Shan Tuyết",
                "tea",
                300000,
                30,
                "hộp 150 g",
                250,
                "Chè vàng ủ nhẹ sau khi sao, nước màu vàng mật ong, vị ngọt dịu. Hợp với người "
                "mới làm quen với chè Shan Tuyết.",
            ),
        ),
    ),
    # --------------------------------------------------------------------- Sơn La
    DemoStall(
        slug="che-shan-tuyet-ta-xua",
        name="Chè Shan Tuyết Tà Xùa",
        owner_email="su.mua@chophien.example",
        story=(
            "Mùa A Sử, chàng trai Mông ở xã Tà Xùa, cùng nhóm bạn giữ gìn hơn 700 gốc chè cổ "
            "thụ trên đỉnh núi mây. Sử vừa làm chè, vừa dẫn khách săn mây và mở homestay nhỏ "
            "bằng gỗ pơ mu.\n"
            "Chè Tà Xùa hái tay, sao chảo gang, không dùng máy vò."
        ),
        province="Sơn La",
        commune="xã Tà Xùa",
        pickup_address="Bản Tà Xùa, xã Tà Xùa, tỉnh Sơn La",
        contact_phone="0981 346 205",
        zalo_phone="0981 346 205",
        bank_bin="970405",
        account_number="7900205186473",
        account_name="MUA A SU",
        status="approved",
        products=(
            _p(
                "Chè Shan Tuyết cổ thụ Tà Xùa",
                "tea",
                300000,
                90,
                "hộp 200 g",
                300,
                "Búp chè từ những gốc cổ thụ ở độ cao gần 2.000 m, phủ lông tuyết dày. Nước xanh "
                "vàng, hương hoa rừng, vị ngọt hậu sâu.",
                (4, "OCOP-SL-2024-0118", "2024-10-24"),
            ),
            _p(
                "Chè Shan Tuyết sấy lạnh Tà Xùa",
                "tea",
                340000,
                30,
                "hộp 100 g",
                190,
                "Búp tươi hái lúc sớm mai, sấy lạnh trong 24 giờ để giữ màu xanh và vị tươi. Hãm "
                "nước 80 °C, hoặc pha lạnh qua đêm.",
                (4, "OCOP-SL-2025-0072", "2025-06-12"),
            ),
            _p(
                "Tour săn mây Tà Xùa",
                "homestay-tours",
                400000,
                25,
                "người",
                0,
                "Xuất phát từ 4 giờ sáng lên sống lưng khủng long ngắm biển mây và bình minh cùng "
                "hướng dẫn viên người Mông. Giá gồm xe máy đưa đón và bữa sáng.",
            ),
            _p(
                "Homestay gỗ pơ mu Tà Xùa",
                "homestay-tours",
                550000,
                4,
                "đêm/phòng đôi",
                0,
                "Phòng gỗ pơ mu thơm mùi rừng, có sưởi và chăn dày. Sáng dậy nhìn thẳng ra biển "
                "mây.",
            ),
        ),
    ),
    DemoStall(
        slug="nong-san-moc-chau",
        name="Nông sản Mộc Châu Lường Hoa",
        owner_email="hoa.luong@chophien.example",
        story=(
            "Lường Thị Hoa, người Thái ở Mộc Châu, mở xưởng nhỏ làm mận hậu sấy, ô mai và chè ô "
            "long từ vườn nhà và vườn của bà con trong bản. Hoa từng làm hướng dẫn viên du lịch, "
            "nay đưa đặc sản Mộc Châu đi khắp nơi qua mạng.\n"
            "Xưởng nhận đặt quà Tết cho cơ quan, doanh nghiệp."
        ),
        province="Sơn La",
        commune="phường Mộc Châu",
        pickup_address="Bản Mòn, phường Mộc Châu, tỉnh Sơn La",
        contact_phone="0916 227 540",
        zalo_phone="0916 227 540",
        bank_bin="970436",
        account_number="1023984756",
        account_name="LUONG THI HOA",
        status="approved",
        products=(
            _p(
                "Mận hậu sấy dẻo Mộc Châu",
                "dried-fruit",
                110000,
                120,
                "gói 500 g",
                540,
                "Mận hậu chín già, tách hạt, sấy dẻo cùng đường phèn và chút muối. Vị chua ngọt "
                "hài hoà, màu đỏ tía tự nhiên.",
                (4, "OCOP-SL-2025-0031", "2025-04-03"),
            ),
            _p(
                "Ô mai mận hậu cam thảo",
                "dried-fruit",
                90000,
                80,
                "hũ 400 g",
                520,
                "Mận hậu ngào cam thảo, gừng và đường nâu, dẻo thơm. Đóng hũ nhựa trong có nắp "
                "vặn.",
            ),
            _p(
                "Chè Ô long Mộc Châu",
                "tea",
                250000,
                100,
                "hộp 200 g",
                290,
                "Chè Ô long vo viên từ giống Kim Tuyên trồng trên cao nguyên Mộc Châu. Hương hoa, "
                "vị ngọt béo, pha được nhiều nước.",
                (3, "OCOP-SL-2024-0152", "2024-12-11"),
            ),
            _p(
                "Cà phê Arabica Sơn La rang mộc",
                "coffee",
                180000,
                70,
                "gói 500 g",
                540,
                "Arabica trồng trên đồi Chiềng Ban, rang mộc mức vừa. Vị chua nhẹ, thơm mùi "
                "caramel, hợp pha phin loãng hoặc pha máy.",
            ),
        ),
    ),
    # ------------------------------------------------------------------ Lai Châu
    DemoStall(
        slug="dac-san-tam-duong",
        name="Đặc sản Tam Đường",
        owner_email="may.tan@chophien.example",
        story=(
            "Tẩn Thị Mây, người Dao ở xã Bình Lư, mở gian hàng gom sản phẩm của vùng Tam Đường "
            "và Phong Thổ: miến dong, chè ô long, gạo Séng Cù Mường So. Mây từng là bí thư Đoàn "
            "xã, nay dành toàn thời gian cho hợp tác xã của mình.\n"
            "HTX ưu tiên thu mua của các hộ trẻ mới khởi nghiệp."
        ),
        province="Lai Châu",
        commune="xã Bình Lư",
        pickup_address="Bản Nà Đon, xã Bình Lư, tỉnh Lai Châu",
        contact_phone="0973 508 162",
        zalo_phone="0973 508 162",
        bank_bin="970405",
        account_number="8700205249163",
        account_name="TAN THI MAY",
        status="approved",
        products=(
            _p(
                "Miến dong Tam Đường",
                "other",
                90000,
                140,
                "gói 1 kg",
                1050,
                "Sợi miến trong, dai, làm từ dong riềng trồng ở Bình Lư, phơi nắng trên giàn tre. "
                "Không hàn the, không chất tẩy trắng.",
                (3, "OCOP-LCH-2024-0029", "2024-11-08"),
            ),
            _p(
                "Chè Ô long Tam Đường",
                "tea",
                230000,
                60,
                "hộp 200 g",
                290,
                "Chè Ô long vo viên trồng trên đồi chè Tam Đường, nơi quanh năm mát mẻ. Nước vàng "
                "sáng, thơm hương hoa lan nhẹ.",
                (4, "OCOP-LCH-2025-0016", "2025-03-28"),
            ),
            _p(
                "Gạo Séng Cù Mường So",
                "rice-grains",
                160000,
                100,
                "túi 5 kg",
                5150,
                "Séng Cù trồng trên cánh đồng Mường So, hạt dài, cơm dẻo và ngọt. Gạo xay mới theo "
                "từng đợt đặt hàng.",
                (4, "OCOP-LCH-2025-0015", "2025-03-28"),
            ),
            _p(
                "Thảo quả Sìn Hồ",
                "spices",
                150000,
                75,
                "gói 500 g",
                540,
                "Thảo quả trồng dưới tán rừng Sìn Hồ, sấy khô trên gác bếp. Quả chắc, thơm nồng, "
                "dùng cho phở, bò kho và món hầm.",
            ),
            _p(
                "Túi thêu Dao đỏ",
                "handicrafts",
                260000,
                20,
                "chiếc",
                220,
                "Túi vải chàm thêu chỉ đỏ, vàng theo hoa văn của người Dao đỏ, có quai đeo vai. "
                "Mỗi chiếc do một chị em trong bản thêu trọn.",
            ),
        ),
    ),
    # ------------------------------------------------------------------ Cao Bằng
    DemoStall(
        slug="hat-de-trung-khanh",
        name="Hạt dẻ Trùng Khánh",
        owner_email="thang.nong@chophien.example",
        story=(
            "Nông Văn Thắng, người Tày ở xã Trùng Khánh, về quê sau 5 năm làm công nhân ở Bắc "
            "Ninh để chăm vườn hạt dẻ của bố mẹ. Thắng lập tổ hợp tác với 20 hộ, nhặt hạt dẻ "
            "chín rụng vào tháng 9 và làm hạt dẻ rang sẵn bán quanh năm.\n"
            "Vườn cách thác Bản Giốc chừng 20 km."
        ),
        province="Cao Bằng",
        commune="xã Trùng Khánh",
        pickup_address="Xóm Pò Tấu, xã Trùng Khánh, tỉnh Cao Bằng",
        contact_phone="0917 320 684",
        zalo_phone="0917 320 684",
        bank_bin="970405",
        account_number="8400205317682",
        account_name="NONG VAN THANG",
        status="approved",
        products=(
            _p(
                "Hạt dẻ Trùng Khánh",
                "other",
                150000,
                110,
                "túi 1 kg",
                1050,
                "Hạt dẻ to tròn, vỏ nâu bóng, ruột vàng, bùi và thơm. Luộc, rang cát hay hầm gà "
                "đều ngon.",
                (4, "OCOP-CB-2024-0041", "2024-10-15"),
            ),
            _p(
                "Hạt dẻ rang sẵn bóc vỏ",
                "other",
                120000,
                70,
                "túi 400 g",
                450,
                "Hạt dẻ rang chín, bóc sẵn vỏ, đóng túi hút chân không. Mở ra ăn ngay hoặc nấu "
                "xôi, hầm canh.",
            ),
            _p(
                "Lạp sườn Cao Bằng",
                "other",
                220000,
                50,
                "gói 500 g",
                560,
                "Lạp sườn hun khói nhẹ theo kiểu người Tày, ướp mắc mật và đường phèn. Vị ngọt "
                "thơm, rán hay hấp đều ngon.",
            ),
            _p(
                "Cỏ thạch đen Thạch An",
                "other",
                60000,
                90,
                "túi 500 g",
                540,
                "Cây thạch đen phơi khô, nấu lấy nước rồi lọc với bột năng thành thạch mát. Kèm "
                "công thức nấu trong túi.",
            ),
        ),
    ),
    DemoStall(
        slug="hong-khong-hat-bao-lac",
        name="Hồng không hạt Bảo Lạc",
        owner_email="sinh.ly@chophien.example",
        story=(
            "Lý Thị Sình, người Dao ở xã Bảo Lạc, cùng các hộ trong xóm chăm những cây hồng "
            "không hạt có tuổi vài chục năm. Hồng chín vào tháng 9–11; quả không bán kịp được "
            "sấy dẻo để bán quanh năm.\n"
            "Sình cũng gom miến dong Nguyên Bình cho các bạn trong hợp tác xã."
        ),
        province="Cao Bằng",
        commune="xã Bảo Lạc",
        pickup_address="Xóm Bản Bó, xã Bảo Lạc, tỉnh Cao Bằng",
        contact_phone="0398 261 507",
        zalo_phone="0398 261 507",
        bank_bin="970405",
        account_number="8401205274318",
        account_name="LY THI SINH",
        status="approved",
        products=(
            _p(
                "Hồng không hạt Bảo Lạc",
                "other",
                65000,
                200,
                "kg",
                1100,
                "Quả hồng giòn, không hạt, ngọt mát, hái đúng mùa tháng 10–11. Bán theo kg, đóng "
                "thùng có lót giấy chống dập.",
                (4, "OCOP-CB-2025-0058", "2025-10-06"),
            ),
            _p(
                "Hồng sấy dẻo Bảo Lạc",
                "dried-fruit",
                190000,
                60,
                "hộp 500 g",
                560,
                "Hồng chín mềm bóc vỏ, phơi gió rồi sấy dẻo nguyên quả. Ruột đỏ cam, ngọt như mật, "
                "hợp làm quà Tết.",
                (3, "OCOP-CB-2025-0059", "2025-10-06"),
            ),
            _p(
                "Miến dong Nguyên Bình",
                "other",
                85000,
                120,
                "gói 1 kg",
                1050,
                "Miến dong làm thủ công ở Nguyên Bình, sợi vàng trong, dai, không bị nát khi nấu. "
                "Trụng nước sôi 2 phút là dùng được.",
                (3, "OCOP-CB-2024-0033", "2024-09-10"),
            ),
        ),
    ),
    # ----------------------------------------------------------------- Lâm Đồng
    DemoStall(
        slug="ca-phe-arabica-lang-biang",
        name="Cà phê Arabica Lang Biang",
        owner_email="nhung.ka@chophien.example",
        story=(
            "Liêng Hót Ka Nhung, người K'Ho ở xã Lạc Dương, cùng chồng và các hộ trong thôn "
            "trồng Arabica dưới chân núi Lang Biang ở độ cao 1.500 m. Sau khoá học rang xay ở Đà "
            "Lạt, Nhung tự sơ chế và rang cà phê mang thương hiệu của thôn.\n"
            "Mùa thu hoạch, khách có thể đến hái cà phê cùng gia đình."
        ),
        province="Lâm Đồng",
        commune="xã Lạc Dương",
        pickup_address="Thôn B'Nơ C, xã Lạc Dương, tỉnh Lâm Đồng",
        contact_phone="0918 462 730",
        zalo_phone="0918 462 730",
        bank_bin="970405",
        account_number="5400205318264",
        account_name="LIENG HOT KA NHUNG",
        status="approved",
        products=(
            _p(
                "Cà phê Arabica Lang Biang rang xay",
                "coffee",
                200000,
                90,
                "gói 500 g",
                540,
                "Arabica chín đỏ trồng dưới tán cây che bóng, sơ chế ướt, rang vừa. Vị chua thanh "
                "như cam quýt, hậu ngọt, hương hoa nhẹ.",
                (4, "OCOP-LD-2024-0195", "2024-10-29"),
            ),
            _p(
                "Cà phê Arabica Lang Biang hạt rang",
                "coffee",
                230000,
                60,
                "túi 500 g",
                540,
                "Hạt Arabica sơ chế tự nhiên (phơi nguyên quả), rang sáng màu để giữ hương trái "
                "cây. Hợp pha giấy lọc, cold brew.",
                (4, "OCOP-LD-2025-0210", "2025-11-04"),
            ),
            _p(
                "Trà hoa atiso Đà Lạt",
                "tea",
                120000,
                80,
                "hộp 100 g",
                180,
                "Bông atiso thái lát, sấy khô, hãm như trà, vị ngọt nhẹ và mát. Uống nóng hoặc để "
                "lạnh đều dễ chịu.",
            ),
            _p(
                "Khăn thổ cẩm K'Ho",
                "handicrafts",
                280000,
                20,
                "chiếc",
                200,
                "Khăn dệt tay trên khung dệt đeo lưng, nền chàm với hoa văn trắng, đỏ của người "
                "K'Ho. Khổ 30 × 150 cm.",
            ),
            _p(
                "Trải nghiệm hái cà phê cùng người K'Ho",
                "homestay-tours",
                250000,
                15,
                "người",
                0,
                "Từ tháng 11 đến tháng 1: hái cà phê chín, phơi và rang thử một mẻ nhỏ cùng gia "
                "đình Nhung. Giá gồm bữa trưa và 200 g cà phê mang về.",
            ),
        ),
    ),
    DemoStall(
        slug="mac-ca-di-linh",
        name="Mắc ca Di Linh",
        owner_email="nhung.ka@chophien.example",
        story=(
            "Nhung cùng em gái lấy chồng ở Di Linh mở thêm gian hàng cho vườn mắc ca và sầu "
            "riêng của gia đình nhà chồng. Hai chị em đang chụp ảnh và chuẩn bị sản phẩm."
        ),
        province="Lâm Đồng",
        commune="xã Di Linh",
        pickup_address="Thôn 4, xã Di Linh, tỉnh Lâm Đồng",
        contact_phone="0853 204 617",
        zalo_phone="0853 204 617",
        bank_bin="970418",
        account_number="6100482957",
        account_name="KA THI NHI",
        status="pending",
        products=(),
    ),
    # ------------------------------------------------------------------- Gia Lai
    DemoStall(
        slug="tieu-den-chu-se",
        name="Tiêu đen Chư Sê",
        owner_email="lan.kpa@chophien.example",
        story=(
            "Kpă H'Lan, người Jrai ở xã Chư Sê, điều hành hợp tác xã hồ tiêu của 50 hộ trồng "
            "theo hướng hữu cơ, không dùng thuốc diệt cỏ. H'Lan là một trong những nữ giám đốc "
            "HTX trẻ nhất tỉnh, được bà con bầu sau khi học xong đại học ở Pleiku.\n"
            "Tiêu được phơi trên sân xi măng sạch, không phơi đất."
        ),
        province="Gia Lai",
        commune="xã Chư Sê",
        pickup_address="Plei Ring, xã Chư Sê, tỉnh Gia Lai",
        contact_phone="0365 127 849",
        zalo_phone="0365 127 849",
        bank_bin="970405",
        account_number="6200205418273",
        account_name="KPA H LAN",
        status="approved",
        products=(
            _p(
                "Tiêu đen Chư Sê",
                "spices",
                120000,
                250,
                "gói 500 g",
                540,
                "Hạt tiêu to, chắc, đen bóng, cay nồng và thơm lâu. Tiêu Chư Sê được bảo hộ chỉ "
                "dẫn địa lý từ năm 2008.",
                (4, "OCOP-GL-2024-0087", "2024-11-12"),
            ),
            _p(
                "Tiêu đỏ chín cây Chư Sê",
                "spices",
                180000,
                50,
                "hũ 250 g",
                360,
                "Chỉ hái những chùm tiêu chín đỏ trên cây, phơi nguyên vỏ. Vị cay ngọt, thơm mùi "
                "trái cây, hợp món bò và món nướng.",
                (3, "OCOP-GL-2025-0033", "2025-05-15"),
            ),
            _p(
                "Muối kiến vàng Gia Lai",
                "spices",
                80000,
                90,
                "hũ 200 g",
                290,
                "Kiến vàng và trứng kiến trên cây rừng rang cùng muối, ớt và lá é. Món chấm quen "
                "thuộc của người Jrai, Ba Na, hợp với gà nướng và trái cây xanh.",
            ),
            _p(
                "Cà phê Robusta Gia Lai rang mộc",
                "coffee",
                130000,
                100,
                "gói 500 g",
                540,
                "Robusta trồng xen tiêu trên đất đỏ Chư Sê, rang mộc mức đậm. Đắng đậm, thơm mùi "
                "sô cô la, hợp pha phin.",
            ),
        ),
    ),
    # ------------------------------------------------------------------ Lạng Sơn
    DemoStall(
        slug="hoi-van-quan",
        name="Hồi Văn Quan",
        owner_email="hung.lang@chophien.example",
        story=(
            "Lăng Văn Hưng, người Nùng ở xã Văn Quan, cùng gia đình chăm hơn 2 ha rừng hồi ông "
            "bà trồng từ những năm 1980. Hưng lập tổ hợp tác sấy hồi bằng lò hơi thay cho hun "
            "khói, để hoa hồi giữ màu đỏ nâu và nhiều tinh dầu.\n"
            "Hồi Văn Quan có vụ chính tháng 8–9 và vụ tứ quý tháng 2–3."
        ),
        province="Lạng Sơn",
        commune="xã Văn Quan",
        pickup_address="Thôn Nà Lìa, xã Văn Quan, tỉnh Lạng Sơn",
        contact_phone="0947 315 820",
        zalo_phone="0947 315 820",
        bank_bin="970405",
        account_number="8200205147396",
        account_name="LANG VAN HUNG",
        status="approved",
        products=(
            _p(
                "Hoa hồi khô Văn Quan",
                "spices",
                140000,
                180,
                "gói 500 g",
                540,
                "Hoa hồi tám cánh đều, màu đỏ nâu, thơm ngọt và nhiều tinh dầu. Dùng cho phở, bò "
                "kho, vịt quay hay ngâm giấm.",
                (4, "OCOP-LS-2024-0052", "2024-10-21"),
            ),
            _p(
                "Tinh dầu hồi Văn Quan",
                "other",
                110000,
                70,
                "chai 30 ml",
                100,
                "Chưng cất từ hoa hồi tươi, hương ấm và ngọt. Nhỏ vào máy khuếch tán hoặc pha "
                "loãng để xoa bóp khi trời lạnh.",
                (3, "OCOP-LS-2025-0036", "2025-06-30"),
            ),
            _p(
                "Bột ngũ vị hương Văn Quan",
                "spices",
                45000,
                100,
                "hũ 100 g",
                150,
                "Hồi, quế, đinh hương, tiểu hồi và hoa tiêu rang thơm rồi xay mịn. Ướp thịt quay, "
                "vịt nướng hay bò kho.",
            ),
            _p(
                "Lá mác mật khô",
                "spices",
                50000,
                60,
                "túi 100 g",
                130,
                "Lá mác mật hái trên núi đá, phơi khô, thơm mùi vỏ quýt. Là thứ lá không thể "
                "thiếu trong món lợn quay, vịt quay Lạng Sơn.",
            ),
        ),
    ),
    # ------------------------------------------------------------------- Phú Thọ
    DemoStall(
        slug="nha-san-ban-lac-mai-chau",
        name="Nhà sàn bản Lác Mai Châu",
        owner_email="dung.ha@chophien.example",
        story=(
            "Hà Thị Dung, người Thái ở bản Lác, xã Mai Châu, cùng chồng đón khách trên căn nhà "
            "sàn bốn gian của gia đình từ năm 2019. Dung nấu cơm Thái, dạy khách dệt thổ cẩm và "
            "dẫn đoàn đạp xe quanh thung lũng.\n"
            "Bản Lác là một trong những bản làm du lịch cộng đồng lâu đời nhất miền Bắc."
        ),
        province="Phú Thọ",
        commune="xã Mai Châu",
        pickup_address="Bản Lác, xã Mai Châu, tỉnh Phú Thọ",
        contact_phone="0963 752 418",
        zalo_phone="0963 752 418",
        bank_bin="970436",
        account_number="0471000615283",
        account_name="HA THI DUNG",
        status="approved",
        products=(
            _p(
                "Phòng đôi nhà sàn bản Lác",
                "homestay-tours",
                600000,
                5,
                "đêm/phòng đôi",
                0,
                "Phòng riêng có vách gỗ trên nhà sàn, giường đôi, màn và quạt. Giá gồm bữa sáng "
                "xôi nếp và trà nóng.",
                (3, "OCOP-HB-2024-0044", "2024-09-06"),
            ),
            _p(
                "Ngủ nhà sàn chung",
                "homestay-tours",
                150000,
                20,
                "đêm/người",
                0,
                "Đệm, chăn, màn trải trên sàn gỗ rộng, hợp cho nhóm bạn và đoàn học sinh. Nhà tắm "
                "nước nóng riêng ở dưới sàn.",
            ),
            _p(
                "Tour đạp xe thung lũng Mai Châu",
                "homestay-tours",
                220000,
                25,
                "người",
                0,
                "Nửa ngày đạp xe qua ruộng lúa, bản Pom Coọng và bản Văn cùng hướng dẫn viên "
                "trong bản. Giá gồm xe đạp, mũ bảo hiểm và nước uống.",
            ),
            _p(
                "Khăn thổ cẩm Mai Châu",
                "handicrafts",
                150000,
                50,
                "chiếc",
                150,
                "Khăn dệt trên khung cửi của các chị em bản Lác, màu sắc tươi, khổ 30 × 170 cm. "
                "Quàng cổ hay làm khăn trải bàn đều đẹp.",
                (3, "OCOP-HB-2024-0045", "2024-09-06"),
            ),
        ),
    ),
    # ------------------------------------------------------------------- Nghệ An
    DemoStall(
        slug="homestay-muong-long",
        name="Homestay Mường Lống",
        owner_email="chia.vu@chophien.example",
        story=(
            "Vừ Bá Chia, người Mông ở xã Mường Lống — nơi được gọi là “Sa Pa của xứ Nghệ” — mở "
            "homestay gỗ đầu tiên của bản năm 2020. Chia cũng gom gừng và mật ong rừng của bà "
            "con để bán cho khách và bán trực tuyến.\n"
            "Mùa hoa đào tháng 1–2 là lúc Mường Lống đông khách nhất."
        ),
        province="Nghệ An",
        commune="xã Mường Lống",
        pickup_address="Bản Mường Lống 1, xã Mường Lống, tỉnh Nghệ An",
        contact_phone="0388 640 215",
        zalo_phone="0388 640 215",
        bank_bin="970405",
        account_number="3600205728145",
        account_name="VU BA CHIA",
        status="approved",
        products=(
            _p(
                "Homestay gỗ Mường Lống",
                "homestay-tours",
                450000,
                4,
                "đêm/phòng đôi",
                0,
                "Phòng gỗ ấm áp nhìn ra đồi thông và rừng đào, có lò sưởi củi chung. Giá gồm bữa "
                "sáng với mèn mén và trứng gà đồi.",
            ),
            _p(
                "Tour săn mây Mường Lống",
                "homestay-tours",
                300000,
                20,
                "người",
                0,
                "Đi bộ lên đỉnh đồi lúc bình minh ngắm biển mây phủ kín thung lũng. Giá gồm hướng "
                "dẫn viên, đèn pin và bữa sáng mang theo.",
            ),
            _p(
                "Gừng Kỳ Sơn",
                "spices",
                60000,
                120,
                "túi 1 kg",
                1050,
                "Gừng trồng trên nương của người Mông, củ nhỏ, nhiều xơ, rất cay và thơm. Nấu ăn, "
                "pha trà hay ngâm mật ong đều hợp.",
                (3, "OCOP-NA-2024-0134", "2024-12-27"),
            ),
            _p(
                "Mật ong rừng Kỳ Sơn",
                "honey",
                350000,
                40,
                "chai 500 ml",
                850,
                "Mật ong rừng lấy từ các hốc đá và thân cây trên núi cao, màu nâu sẫm, vị ngọt "
                "đậm, hơi chát. Số lượng ít, mỗi năm chỉ một mùa.",
                (3, "OCOP-NA-2025-0072", "2025-06-16"),
            ),
        ),
    ),
)


# ---------------------------------------------------------------------------------------------
# Placeholder photos and logos (Pillow only: no network, no downloaded fonts)
# ---------------------------------------------------------------------------------------------

_RGB = tuple[int, int, int]
_Point = tuple[float, float]
_Draw = ImageDraw.ImageDraw

_FONT_CANDIDATES: tuple[str, ...] = (
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)

# Per category: background top colour, bottom colour, motif colours.
_PALETTES: dict[str, tuple[_RGB, _RGB, tuple[_RGB, ...]]] = {
    "dried-fruit": (
        (253, 238, 240),
        (212, 146, 168),
        ((122, 28, 70), (150, 38, 82), (176, 56, 92), (98, 22, 58)),
    ),
    "tea": (
        (238, 247, 228),
        (148, 194, 128),
        ((46, 112, 54), (70, 142, 66), (104, 166, 84), (32, 88, 44)),
    ),
    "coffee": (
        (246, 236, 222),
        (170, 128, 96),
        ((78, 46, 28), (100, 60, 36), (124, 78, 48), (58, 34, 22)),
    ),
    "honey": (
        (255, 246, 218),
        (236, 178, 70),
        ((214, 138, 22), (236, 168, 40), (178, 106, 18), (250, 204, 96)),
    ),
    "rice-grains": (
        (252, 248, 232),
        (218, 198, 150),
        ((250, 247, 238), (240, 232, 208), (226, 212, 176), (196, 176, 126)),
    ),
    "spices": (
        (255, 240, 226),
        (230, 138, 88),
        ((178, 40, 30), (206, 72, 36), (122, 52, 30), (86, 38, 26)),
    ),
    "mushrooms": (
        (242, 234, 222),
        (160, 134, 106),
        ((112, 72, 44), (140, 96, 60), (90, 58, 36), (238, 224, 202)),
    ),
    "handicrafts": (
        (56, 66, 128),
        (26, 30, 70),
        ((212, 48, 64), (242, 188, 54), (44, 160, 140), (238, 236, 226), (236, 112, 40)),
    ),
    "homestay-tours": (
        (150, 200, 236),
        (252, 226, 192),
        ((120, 150, 170), (88, 124, 118), (60, 100, 84), (38, 72, 56)),
    ),
    "other": (
        (246, 243, 236),
        (198, 190, 176),
        ((150, 116, 84), (108, 140, 116), (184, 100, 78), (92, 100, 132)),
    ),
}

_LOGO_COLOURS: tuple[_RGB, ...] = (
    (46, 112, 54),
    (122, 28, 70),
    (78, 46, 28),
    (196, 120, 16),
    (176, 52, 36),
    (40, 62, 128),
    (20, 120, 120),
    (110, 60, 140),
    (150, 92, 40),
    (70, 90, 60),
)


def demo_font_path() -> str | None:
    """The TrueType font the demo images use, or None when only Pillow's own font is there."""
    for path in _FONT_CANDIDATES:
        if os.path.isfile(path):
            return path
    return None


@functools.lru_cache(maxsize=64)
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = demo_font_path()
    if path is not None:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    return ImageFont.load_default(size=size)


def _displayable(text: str) -> str:
    """The text itself, or without diacritics when only Pillow's built-in font (Latin) is there."""
    text = unicodedata.normalize("NFC", text)
    if demo_font_path() is not None:
        return text
    text = text.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    )
    return unicodedata.normalize("NFC", stripped)


def _mix(a: _RGB, b: _RGB, t: float) -> _RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _rgba(colour: _RGB, alpha: int = 255) -> tuple[int, int, int, int]:
    return (colour[0], colour[1], colour[2], alpha)


def _jitter(rng: random.Random, colour: _RGB, amount: int = 14) -> _RGB:
    return (
        max(0, min(255, colour[0] + rng.randint(-amount, amount))),
        max(0, min(255, colour[1] + rng.randint(-amount, amount))),
        max(0, min(255, colour[2] + rng.randint(-amount, amount))),
    )


def _gradient(size: tuple[int, int], top: _RGB, bottom: _RGB) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def _rotated(points: Sequence[_Point], cx: float, cy: float, angle: float) -> list[_Point]:
    ca, sa = math.cos(angle), math.sin(angle)
    return [(cx + x * ca - y * sa, cy + x * sa + y * ca) for x, y in points]


def _oval(cx: float, cy: float, rx: float, ry: float, angle: float, n: int = 24) -> list[_Point]:
    pts = [
        (rx * math.cos(2 * math.pi * i / n), ry * math.sin(2 * math.pi * i / n)) for i in range(n)
    ]
    return _rotated(pts, cx, cy, angle)


def _leaf(cx: float, cy: float, length: float, width: float, angle: float) -> list[_Point]:
    n = 12
    upper = []
    for i in range(n + 1):
        t = i / n
        half = width / 2 * math.sin(math.pi * t) ** 0.85 * (1.1 - 0.35 * t)
        upper.append(((t - 0.5) * length, -half))
    lower = [(x, -y) for x, y in reversed(upper[1:-1])]
    return _rotated(upper + lower, cx, cy, angle)


def _star(
    cx: float, cy: float, r_out: float, r_in: float, points: int, angle: float
) -> list[_Point]:
    pts = []
    for i in range(points * 2):
        r = r_out if i % 2 == 0 else r_in
        a = angle + math.pi * i / points
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return pts


def _blob(rng: random.Random, cx: float, cy: float, r: float, wobble: float) -> list[_Point]:
    n = 18
    phase = rng.uniform(0, 2 * math.pi)
    pts = []
    for i in range(n):
        a = 2 * math.pi * i / n
        rr = r * (1 + wobble * math.sin(3 * a + phase) + rng.uniform(-wobble, wobble) / 2)
        pts.append((cx + rr * math.cos(a), cy + rr * 0.8 * math.sin(a)))
    return pts


def _scatter(
    rng: random.Random, w: int, h: int, count: int, margin: float = 0.05
) -> list[tuple[float, float]]:
    """Points spread over the picture area above the name band, away from its centre."""
    pts = []
    top, bottom = h * 0.06, h * 0.78
    while len(pts) < count:
        x = rng.uniform(w * margin, w * (1 - margin))
        y = rng.uniform(top, bottom)
        dx, dy = (x - w / 2) / (w * 0.5), (y - h * 0.45) / (h * 0.4)
        if dx * dx + dy * dy < 0.28 or (x < w * 0.3 and y < h * 0.16):
            continue
        pts.append((x, y))
    return pts


def _has(name: str, *words: str) -> bool:
    return any(word in name for word in words)


# -- small objects -----------------------------------------------------------------------------


def _fruit(d: _Draw, x: float, y: float, r: float, colour: _RGB) -> None:
    d.ellipse((x - r, y - r, x + r, y + r), fill=_rgba(colour))
    d.ellipse((x - r * 0.55, y - r * 0.6, x - r * 0.05, y - r * 0.25), fill=(255, 255, 255, 70))
    d.arc(
        (x - r * 0.7, y - r * 0.4, x + r * 0.6, y + r * 0.8), 200, 320, fill=(0, 0, 0, 45), width=3
    )


def _bean(d: _Draw, rng: random.Random, x: float, y: float, r: float, colour: _RGB) -> None:
    a = rng.uniform(0, math.pi)
    d.polygon(_oval(x, y, r, r * 0.7, a), fill=_rgba(_jitter(rng, colour, 10)))
    ca, sa = math.cos(a), math.sin(a)
    crease = [
        (
            x + t * r * 0.8 * ca + math.sin(t * 3) * r * 0.12 * -sa,
            y + t * r * 0.8 * sa + math.sin(t * 3) * r * 0.12 * ca,
        )
        for t in (-1, -0.5, 0, 0.5, 1)
    ]
    d.line(crease, fill=(30, 16, 8, 200), width=max(2, int(r * 0.12)))


def _grain(
    d: _Draw, rng: random.Random, x: float, y: float, r: float, colour: _RGB, round_: bool
) -> None:
    ratio = 0.78 if round_ else 0.38
    d.polygon(
        _oval(x, y, r, r * ratio, rng.uniform(0, math.pi), 14), fill=_rgba(_jitter(rng, colour, 8))
    )


def _mushroom(d: _Draw, x: float, y: float, s: float, cap: _RGB, stem: _RGB) -> None:
    d.rounded_rectangle(
        (x - s * 0.18, y - s * 0.1, x + s * 0.18, y + s * 0.55), radius=s * 0.12, fill=_rgba(stem)
    )
    d.pieslice((x - s * 0.6, y - s * 0.55, x + s * 0.6, y + s * 0.35), 180, 360, fill=_rgba(cap))
    d.line(
        (x - s * 0.55, y - s * 0.1, x + s * 0.55, y - s * 0.1),
        fill=_rgba(_mix(cap, stem, 0.5)),
        width=max(2, int(s * 0.05)),
    )
    for k in (-0.3, 0.05, 0.32):
        d.arc(
            (x + s * (k - 0.12), y - s * 0.42, x + s * (k + 0.12), y - s * 0.22),
            200,
            340,
            fill=(255, 248, 230, 150),
            width=max(2, int(s * 0.03)),
        )


def _chilli(d: _Draw, rng: random.Random, x: float, y: float, s: float, colour: _RGB) -> None:
    a = rng.uniform(0, 2 * math.pi)
    body = []
    for i in range(11):
        t = i / 10
        body.append((s * (t - 0.5), -s * 0.13 * (1 - t) ** 0.7 + s * 0.18 * t * t))
    for i in range(10, -1, -1):
        t = i / 10
        body.append((s * (t - 0.5), s * 0.13 * (1 - t) ** 0.7 + s * 0.18 * t * t))
    d.polygon(_rotated(body, x, y, a), fill=_rgba(_jitter(rng, colour, 12)))
    stem = _rotated([(-s * 0.5, 0), (-s * 0.68, -s * 0.08)], x, y, a)
    d.line(stem, fill=(60, 110, 40, 255), width=max(3, int(s * 0.07)))


def _cup(d: _Draw, cx: float, cy: float, s: float, body: _RGB, drink: _RGB) -> None:
    """A cup on a saucer, seen slightly from above; (cx, cy) is the middle of the rim."""
    d.ellipse(
        (cx - s * 0.95, cy + s * 0.62, cx + s * 0.95, cy + s * 0.98),
        fill=_rgba(_mix(body, (0, 0, 0), 0.12)),
    )
    d.ellipse((cx - s * 0.9, cy + s * 0.6, cx + s * 0.9, cy + s * 0.92), fill=_rgba(body))
    d.arc(
        (cx + s * 0.38, cy + s * 0.02, cx + s * 0.95, cy + s * 0.5),
        -100,
        100,
        fill=_rgba(body),
        width=max(4, int(s * 0.1)),
    )
    d.polygon(
        [
            (cx - s * 0.62, cy),
            (cx + s * 0.62, cy),
            (cx + s * 0.42, cy + s * 0.72),
            (cx - s * 0.42, cy + s * 0.72),
        ],
        fill=_rgba(body),
    )
    d.ellipse((cx - s * 0.42, cy + s * 0.62, cx + s * 0.42, cy + s * 0.8), fill=_rgba(body))
    d.ellipse(
        (cx - s * 0.62, cy - s * 0.14, cx + s * 0.62, cy + s * 0.14),
        fill=_rgba(_mix(body, (0, 0, 0), 0.1)),
    )
    d.ellipse((cx - s * 0.55, cy - s * 0.1, cx + s * 0.55, cy + s * 0.11), fill=_rgba(drink))
    d.ellipse((cx - s * 0.3, cy - s * 0.05, cx + s * 0.05, cy + s * 0.03), fill=(255, 255, 255, 50))


def _steam(d: _Draw, cx: float, top: float, s: float) -> None:
    for k in (-0.25, 0.0, 0.25):
        pts = [(cx + s * k + math.sin(i * 0.9) * s * 0.07, top - i * s * 0.09) for i in range(7)]
        d.line(pts, fill=(255, 255, 255, 120), width=max(3, int(s * 0.05)), joint="curve")


def _bowl(
    d: _Draw,
    cx: float,
    cy: float,
    s: float,
    colour: _RGB,
    fill: list[tuple[_RGB, float]],
    rng: random.Random,
    round_: bool,
    bean: bool,
) -> None:
    """A bowl whose rim is centred on (cx, cy), heaped with grains/fruit/beans."""
    rim = (cx - s, cy - s * 0.22, cx + s, cy + s * 0.22)
    d.ellipse(rim, fill=_rgba(_mix(colour, (0, 0, 0), 0.35)))
    for _ in range(130 if not bean else 55):
        a = rng.uniform(math.pi, 2 * math.pi)
        rr = rng.uniform(0, 1) ** 0.6
        x = cx + math.cos(a) * s * 0.92 * rr
        y = cy + math.sin(a) * s * 0.55 * rr + s * 0.06
        colour_k = rng.choice(fill)
        if bean:
            _bean_plain(d, rng, x, y, s * 0.09 * colour_k[1], colour_k[0])
        else:
            _grain(d, rng, x, y, s * 0.055 * colour_k[1], colour_k[0], round_)
    d.chord((cx - s, cy - s * 0.9, cx + s, cy + s * 0.9), 0, 180, fill=_rgba(colour))
    d.arc(
        (cx - s * 0.85, cy - s * 0.7, cx + s * 0.85, cy + s * 0.75),
        20,
        70,
        fill=(255, 255, 255, 60),
        width=max(3, int(s * 0.04)),
    )


def _bean_plain(d: _Draw, rng: random.Random, x: float, y: float, r: float, colour: _RGB) -> None:
    d.polygon(
        _oval(x, y, r, r * 0.78, rng.uniform(0, math.pi), 16), fill=_rgba(_jitter(rng, colour, 8))
    )
    d.ellipse((x - r * 0.4, y - r * 0.45, x - r * 0.05, y - r * 0.15), fill=(255, 255, 255, 60))


def _jar(
    d: _Draw,
    cx: float,
    cy: float,
    s: float,
    glass: _RGB,
    content: _RGB,
    lid: _RGB,
    label: bool = True,
) -> None:
    """A jar standing with its base centre at (cx, cy + s)."""
    d.rounded_rectangle(
        (cx - s * 0.55, cy - s * 0.55, cx + s * 0.55, cy + s), radius=s * 0.16, fill=_rgba(glass)
    )
    d.rounded_rectangle(
        (cx - s * 0.5, cy - s * 0.3, cx + s * 0.5, cy + s * 0.95),
        radius=s * 0.13,
        fill=_rgba(content),
    )
    d.rounded_rectangle(
        (cx - s * 0.46, cy + s * 0.45, cx + s * 0.46, cy + s * 0.93),
        radius=s * 0.1,
        fill=_rgba(_mix(content, (0, 0, 0), 0.15)),
    )
    d.rounded_rectangle(
        (cx - s * 0.42, cy - s * 0.8, cx + s * 0.42, cy - s * 0.52),
        radius=s * 0.05,
        fill=_rgba(lid),
    )
    d.line(
        (cx - s * 0.38, cy - s * 0.66, cx + s * 0.38, cy - s * 0.66),
        fill=(255, 255, 255, 60),
        width=max(2, int(s * 0.03)),
    )
    if label:
        d.rounded_rectangle(
            (cx - s * 0.4, cy + s * 0.05, cx + s * 0.4, cy + s * 0.45),
            radius=s * 0.04,
            fill=(252, 246, 228, 235),
        )
        d.line(
            (cx - s * 0.25, cy + s * 0.18, cx + s * 0.25, cy + s * 0.18),
            fill=_rgba(lid, 200),
            width=max(3, int(s * 0.05)),
        )
        d.line(
            (cx - s * 0.18, cy + s * 0.32, cx + s * 0.18, cy + s * 0.32),
            fill=_rgba(lid, 140),
            width=max(2, int(s * 0.03)),
        )
    d.rounded_rectangle(
        (cx - s * 0.44, cy - s * 0.45, cx - s * 0.32, cy + s * 0.8),
        radius=s * 0.05,
        fill=(255, 255, 255, 70),
    )


def _bottle(
    d: _Draw, cx: float, cy: float, s: float, glass: _RGB, content: _RGB, cap: _RGB
) -> None:
    """A bottle whose body centre is at (cx, cy)."""
    d.rounded_rectangle(
        (cx - s * 0.38, cy - s * 0.5, cx + s * 0.38, cy + s * 0.95),
        radius=s * 0.14,
        fill=_rgba(glass),
    )
    d.polygon(
        [
            (cx - s * 0.38, cy - s * 0.42),
            (cx - s * 0.13, cy - s * 0.85),
            (cx + s * 0.13, cy - s * 0.85),
            (cx + s * 0.38, cy - s * 0.42),
        ],
        fill=_rgba(glass),
    )
    d.rounded_rectangle(
        (cx - s * 0.34, cy - s * 0.25, cx + s * 0.34, cy + s * 0.9),
        radius=s * 0.12,
        fill=_rgba(content),
    )
    d.rectangle((cx - s * 0.15, cy - s * 1.05, cx + s * 0.15, cy - s * 0.84), fill=_rgba(cap))
    d.rounded_rectangle(
        (cx - s * 0.3, cy + s * 0.1, cx + s * 0.3, cy + s * 0.55),
        radius=s * 0.03,
        fill=(252, 246, 228, 235),
    )
    d.line(
        (cx - s * 0.18, cy + s * 0.25, cx + s * 0.18, cy + s * 0.25),
        fill=_rgba(cap, 210),
        width=max(3, int(s * 0.05)),
    )
    d.rounded_rectangle(
        (cx - s * 0.3, cy - s * 0.3, cx - s * 0.2, cy + s * 0.8),
        radius=s * 0.05,
        fill=(255, 255, 255, 70),
    )


def _soft_shadows(
    base: Image.Image, boxes: Sequence[tuple[float, float, float, float]], strength: int = 110
) -> None:
    """Blurred elliptical shadows, drawn small and scaled up so they cost almost nothing."""
    if not boxes:
        return
    w, h = base.size
    k = 8
    mask = Image.new("L", (max(1, w // k), max(1, h // k)), 0)
    md = ImageDraw.Draw(mask)
    for x0, y0, x1, y1 in boxes:
        md.ellipse((x0 / k, y0 / k, x1 / k, y1 / k), fill=strength)
    mask = mask.filter(ImageFilter.GaussianBlur(3)).resize((w, h), Image.Resampling.BILINEAR)
    base.paste((40, 28, 20), (0, 0, w, h), mask)


def _glow(
    base: Image.Image, cx: float, cy: float, rx: float, ry: float, strength: int = 90
) -> None:
    w, h = base.size
    k = 8
    mask = Image.new("L", (max(1, w // k), max(1, h // k)), 0)
    ImageDraw.Draw(mask).ellipse(
        ((cx - rx) / k, (cy - ry) / k, (cx + rx) / k, (cy + ry) / k), fill=strength
    )
    mask = mask.filter(ImageFilter.GaussianBlur(6)).resize((w, h), Image.Resampling.BILINEAR)
    base.paste((255, 252, 244), (0, 0, w, h), mask)


# -- scenes, one per category --------------------------------------------------------------------

_Scene = Callable[[Image.Image, _Draw, random.Random, int, int, tuple[_RGB, ...], str], None]


def _fruit_colours(name: str, accents: tuple[_RGB, ...]) -> tuple[list[_RGB], bool]:
    """Colours of the fruit pieces and whether they are long slices rather than round fruit."""
    if _has(name, "chuối"):
        return [(222, 172, 82), (204, 150, 64), (232, 190, 104)], True
    if _has(name, "hồng"):
        return [(226, 112, 42), (206, 92, 34), (238, 136, 60)], False
    if _has(name, "khoai"):
        return [(232, 150, 52), (214, 128, 40), (240, 170, 76)], True
    if _has(name, "gừng"):
        return [(236, 210, 142), (222, 192, 120), (244, 222, 164)], True
    if _has(name, "sầu riêng"):
        return [(244, 212, 96), (236, 196, 72), (250, 224, 128)], False
    return list(accents), False


def _scene_dried_fruit(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    colours, long_ = _fruit_colours(name, accents)
    r = h * 0.05
    cx, cy, s = w * 0.5, h * 0.49, h * 0.32
    _glow(base, cx, cy - s * 0.3, s * 1.6, s * 1.1)
    loose = _scatter(rng, w, h, 10)
    _soft_shadows(
        base,
        [(cx - s * 1.05, cy + s * 0.55, cx + s * 1.05, cy + s * 1.0)]
        + [(x - r, y + r * 0.4, x + r * 1.2, y + r * 1.3) for x, y in loose],
    )

    def piece(x: float, y: float, rr: float) -> None:
        colour = _jitter(rng, rng.choice(colours), 10)
        if long_:
            a = rng.uniform(0, math.pi)
            d.polygon(_oval(x, y, rr * 1.5, rr * 0.7, a), fill=_rgba(colour))
            d.line(
                _rotated([(-rr * 0.9, 0), (rr * 0.9, 0)], x, y, a),
                fill=(255, 255, 255, 60),
                width=max(2, int(rr * 0.12)),
            )
        else:
            _fruit(d, x, y, rr, colour)

    for x, y in loose:
        piece(x, y, r * rng.uniform(0.8, 1.1))
    d.ellipse((cx - s, cy - s * 0.24, cx + s, cy + s * 0.24), fill=(120, 70, 50, 255))
    heap = []
    for _ in range(26):
        a = rng.uniform(math.pi * 1.02, math.pi * 1.98)
        rr = rng.uniform(0.1, 1) ** 0.7
        heap.append((cx + math.cos(a) * s * 0.82 * rr, cy + math.sin(a) * s * 0.55 * rr + s * 0.1))
    for x, y in sorted(heap, key=lambda p: p[1]):
        piece(x, y, r * rng.uniform(0.95, 1.25))
    d.chord((cx - s, cy - s * 0.85, cx + s, cy + s * 0.85), 0, 180, fill=(244, 236, 222, 255))
    d.arc(
        (cx - s, cy - s * 0.85, cx + s, cy + s * 0.85), 0, 180, fill=(206, 190, 168, 255), width=4
    )
    d.line(
        (cx - s * 0.8, cy + s * 0.3, cx + s * 0.8, cy + s * 0.3),
        fill=_rgba(accents[0], 160),
        width=max(3, int(s * 0.05)),
    )


def _scene_tea(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    drink: _RGB = (202, 186, 88)
    if _has(name, "hồng trà", "phổ nhĩ", "hoàng trà", "ô long", "vỏ"):
        drink = (186, 98, 40)
    elif _has(name, "tím"):
        drink = (176, 84, 122)
    elif _has(name, "atiso", "cà gai"):
        drink = (128, 86, 48)
    cx, cy, s = w * 0.5, h * 0.42, h * 0.26
    _glow(base, cx, cy, s * 2.0, s * 1.5)
    leaves = _scatter(rng, w, h, 12, 0.04)
    _soft_shadows(base, [(cx - s * 1.0, cy + s * 0.78, cx + s * 1.0, cy + s * 1.12)])
    for x, y in leaves:
        length = h * rng.uniform(0.15, 0.24)
        a = rng.uniform(0, 2 * math.pi)
        colour = _jitter(rng, rng.choice(accents), 12)
        d.polygon(_leaf(x, y, length, length * 0.42, a), fill=_rgba(colour))
        d.line(
            _rotated([(-length * 0.5, 0), (length * 0.45, 0)], x, y, a),
            fill=_rgba(_mix(colour, (255, 255, 255), 0.35)),
            width=max(2, int(h * 0.004)),
        )
        for t in (-0.25, 0.0, 0.22):
            d.line(
                _rotated([(length * t, 0), (length * (t + 0.12), -length * 0.12)], x, y, a),
                fill=_rgba(_mix(colour, (255, 255, 255), 0.25)),
                width=2,
            )
            d.line(
                _rotated([(length * t, 0), (length * (t + 0.12), length * 0.12)], x, y, a),
                fill=_rgba(_mix(colour, (255, 255, 255), 0.25)),
                width=2,
            )
    _cup(d, cx, cy, s, (250, 247, 238), drink)
    _steam(d, cx, cy - s * 0.2, s)


def _scene_coffee(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    cx, cy, s = w * 0.5, h * 0.42, h * 0.26
    _glow(base, cx, cy, s * 2.0, s * 1.5)
    beans = _scatter(rng, w, h, 30, 0.03)
    _soft_shadows(base, [(cx - s * 1.0, cy + s * 0.78, cx + s * 1.0, cy + s * 1.12)])
    for x, y in beans:
        _bean(d, rng, x, y, h * rng.uniform(0.032, 0.042), rng.choice(accents))
    body = rng.choice(((250, 247, 238), (236, 226, 210), (70, 84, 110)))
    _cup(d, cx, cy, s, body, (70, 40, 22))
    d.ellipse(
        (cx - s * 0.42, cy - s * 0.06, cx + s * 0.42, cy + s * 0.08),
        outline=(176, 120, 70, 200),
        width=max(2, int(s * 0.03)),
    )
    _steam(d, cx, cy - s * 0.2, s)


def _hexagon(cx: float, cy: float, r: float) -> list[_Point]:
    return [
        (cx + r * math.cos(math.pi / 3 * i), cy + r * math.sin(math.pi / 3 * i)) for i in range(6)
    ]


def _bee(d: _Draw, x: float, y: float, s: float) -> None:
    d.ellipse((x - s * 0.6, y - s * 1.0, x + s * 0.2, y - s * 0.2), fill=(255, 255, 255, 150))
    d.ellipse((x - s * 0.1, y - s * 1.0, x + s * 0.7, y - s * 0.2), fill=(255, 255, 255, 150))
    d.ellipse((x - s, y - s * 0.6, x + s, y + s * 0.6), fill=(244, 184, 30, 255))
    for k in (-0.35, 0.1, 0.55):
        d.line(
            (x + s * k, y - s * 0.55, x + s * k, y + s * 0.55),
            fill=(40, 30, 20, 255),
            width=max(2, int(s * 0.22)),
        )
    d.ellipse((x - s * 1.25, y - s * 0.32, x - s * 0.65, y + s * 0.32), fill=(40, 30, 20, 255))


def _scene_honey(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    r = h * 0.075
    dx, dy = r * 1.5, r * math.sqrt(3)
    col = 0
    x = -r
    while x < w + r:
        y = -r + (dy / 2 if col % 2 else 0)
        while y < h * 0.85:
            filled = rng.random() < 0.22
            d.polygon(
                _hexagon(x, y, r * 0.92),
                fill=_rgba(accents[3], 70) if filled else None,
                outline=_rgba(accents[2], 60),
                width=3,
            )
            y += dy
        x += dx
        col += 1
    cx, cy, s = w * 0.5, h * 0.36, h * 0.3
    _glow(base, cx, cy + s * 0.2, s * 1.8, s * 1.5, 70)
    _soft_shadows(base, [(cx - s * 0.8, cy + s * 0.85, cx + s * 0.8, cy + s * 1.2)])
    content: _RGB = (224, 148, 28)
    if _has(name, "rừng"):
        content = (156, 82, 20)
    elif _has(name, "bạc hà", "keo"):
        content = (240, 184, 52)
    elif _has(name, "phấn"):
        content = (244, 196, 40)
    if _has(name, "chai"):
        _bottle(d, cx, cy + s * 0.1, s, (255, 238, 200), content, (120, 60, 24))
    else:
        _jar(
            d,
            cx,
            cy,
            s,
            (255, 240, 210),
            content,
            rng.choice(((150, 60, 30), (176, 40, 40), (96, 70, 40))),
        )
    if _has(name, "phấn"):
        for _ in range(60):
            px, py = cx + rng.uniform(-s * 0.45, s * 0.45), cy + rng.uniform(-s * 0.25, s * 0.95)
            if abs(px - cx) < s * 0.4 and s * 0.05 < py - cy < s * 0.45:
                continue
            d.ellipse((px - 5, py - 5, px + 5, py + 5), fill=(214, 150, 20, 255))
    for bx, by in _scatter(rng, w, h, 3, 0.1):
        _bee(d, bx, by, h * 0.028)


def _grain_colours(name: str) -> tuple[list[tuple[_RGB, float]], bool, bool]:
    """(colour, size) choices, whether grains are round, whether they are beans."""
    if _has(name, "đậu đen"):
        return [((40, 36, 40), 1.0), ((58, 52, 56), 0.95)], True, True
    if _has(name, "đậu xanh"):
        return [((112, 150, 58), 0.8), ((96, 136, 48), 0.75)], True, True
    if _has(name, "đậu"):
        return [((230, 196, 116), 1.0), ((218, 180, 98), 0.95)], True, True
    if _has(name, "đỏ", "lứt"):
        return [((168, 70, 58), 1.0), ((186, 92, 70), 1.0), ((146, 58, 50), 1.0)], False, False
    if _has(name, "nếp"):
        return [((252, 252, 248), 1.0), ((240, 238, 230), 1.0)], True, False
    return [((246, 240, 224), 1.0), ((236, 228, 206), 1.0), ((252, 248, 238), 1.0)], False, False


def _rice_stalk(d: _Draw, x: float, y: float, length: float, lean: float) -> None:
    pts = [(x + lean * length * (t / 10) ** 2, y - length * t / 10) for t in range(11)]
    d.line(pts, fill=(176, 140, 60, 255), width=4, joint="curve")
    for i, (px, py) in enumerate(pts[4:], start=4):
        side = -1 if i % 2 else 1
        g = _oval(px + side * 14, py + 4, 14, 6, side * 0.6 + lean * 0.5, 12)
        d.polygon(g, fill=(222, 178, 72, 255))


def _scene_rice(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    fill, round_, bean = _grain_colours(name)
    cx, cy, s = w * 0.5, h * 0.47, h * 0.34
    _glow(base, cx, cy - s * 0.2, s * 1.7, s * 1.2)
    _soft_shadows(base, [(cx - s * 1.05, cy + s * 0.6, cx + s * 1.05, cy + s * 1.0)])
    if not bean:
        _rice_stalk(d, w * 0.12, h * 0.8, h * 0.6, 0.35)
        _rice_stalk(d, w * 0.88, h * 0.8, h * 0.55, -0.35)
        _rice_stalk(d, w * 0.18, h * 0.82, h * 0.45, 0.15)
    for _ in range(70 if not bean else 30):
        x = rng.uniform(w * 0.1, w * 0.9)
        y = rng.uniform(h * 0.7, h * 0.8)
        colour, size = rng.choice(fill)
        if bean:
            _bean_plain(d, rng, x, y, s * 0.09 * size, colour)
        else:
            _grain(d, rng, x, y, s * 0.055 * size, colour, round_)
    bowl = rng.choice(((150, 96, 56), (120, 76, 46), (196, 170, 130)))
    _bowl(d, cx, cy, s, bowl, fill, rng, round_, bean)


def _star_anise(d: _Draw, rng: random.Random, x: float, y: float, r: float) -> None:
    a = rng.uniform(0, math.pi)
    d.polygon(_star(x, y, r, r * 0.38, 8, a), fill=_rgba(_jitter(rng, (128, 58, 34), 10)))
    for i in range(8):
        aa = a + math.pi * 2 * i / 8
        px, py = x + r * 0.6 * math.cos(aa), y + r * 0.6 * math.sin(aa)
        d.ellipse(
            (px - r * 0.1, py - r * 0.1, px + r * 0.1, py + r * 0.1), fill=(206, 150, 90, 255)
        )
    d.ellipse((x - r * 0.14, y - r * 0.14, x + r * 0.14, y + r * 0.14), fill=(90, 40, 24, 255))


def _cardamom(d: _Draw, rng: random.Random, x: float, y: float, r: float) -> None:
    a = rng.uniform(0, math.pi)
    d.polygon(_oval(x, y, r, r * 0.62, a), fill=_rgba(_jitter(rng, (132, 60, 44), 10)))
    for k in (-0.3, 0.0, 0.3):
        d.line(
            _rotated([(-r * 0.8, r * k), (r * 0.8, r * k)], x, y, a),
            fill=(92, 38, 28, 200),
            width=3,
        )


def _scene_spices(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    cx, cy, s = w * 0.5, h * 0.5, h * 0.32

    def item(x: float, y: float, scale: float) -> None:
        if _has(name, "hồi", "ngũ vị"):
            _star_anise(d, rng, x, y, h * 0.06 * scale)
        elif _has(name, "thảo quả"):
            _cardamom(d, rng, x, y, h * 0.05 * scale)
        elif _has(name, "gừng"):
            d.polygon(
                _blob(rng, x, y, h * 0.05 * scale, 0.25),
                fill=_rgba(_jitter(rng, (214, 178, 112), 10)),
            )
        elif _has(name, "ớt", "chẩm chéo"):
            _chilli(d, rng, x, y, h * 0.13 * scale, rng.choice(((200, 30, 24), (224, 60, 30))))
        elif _has(name, "lá"):
            length = h * 0.12 * scale
            d.polygon(
                _leaf(x, y, length, length * 0.5, rng.uniform(0, 6.3)),
                fill=_rgba(_jitter(rng, (70, 100, 50))),
            )
        else:
            colour: _RGB = (44, 34, 30)
            if _has(name, "đỏ", "kiến", "khén"):
                colour = (150, 40, 32)
            elif _has(name, "trắng", "sọ", "muối"):
                colour = (226, 214, 190)
            elif _has(name, "dổi"):
                colour = (96, 66, 44)
            rr = h * 0.016 * scale
            d.ellipse((x - rr, y - rr, x + rr, y + rr), fill=_rgba(_jitter(rng, colour, 10)))
            d.ellipse(
                (x - rr * 0.5, y - rr * 0.6, x - rr * 0.05, y - rr * 0.2), fill=(255, 255, 255, 70)
            )

    _glow(base, cx, cy - s * 0.3, s * 1.7, s * 1.2)
    bottle = _has(name, "tương", "chẩm chéo")
    loose = _scatter(rng, w, h, 14 if not _has(name, "tiêu", "muối", "dổi", "khén") else 90, 0.04)
    _soft_shadows(base, [(cx - s * 1.0, cy + s * 0.6, cx + s * 1.0, cy + s * 0.98)])
    for x, y in loose:
        item(x, y, rng.uniform(0.8, 1.1))
    if bottle:
        content = (120, 66, 30) if _has(name, "đậu") else (196, 40, 26)
        if _has(name, "chai"):
            _bottle(d, cx, cy - s * 0.25, s * 0.9, (250, 236, 226), content, (60, 60, 60))
        else:
            _jar(d, cx, cy - s * 0.2, s * 0.85, (250, 236, 226), content, (60, 60, 60))
        return
    d.ellipse((cx - s, cy - s * 0.24, cx + s, cy + s * 0.24), fill=(92, 56, 34, 255))
    heap = []
    many = _has(name, "tiêu", "muối", "dổi", "khén")
    for _ in range(160 if many else 22):
        a = rng.uniform(math.pi * 1.02, math.pi * 1.98)
        rr = rng.uniform(0.05, 1) ** 0.7
        heap.append((cx + math.cos(a) * s * 0.85 * rr, cy + math.sin(a) * s * 0.5 * rr + s * 0.1))
    for x, y in sorted(heap, key=lambda p: p[1]):
        item(x, y, 1.0)
    d.chord((cx - s, cy - s * 0.85, cx + s, cy + s * 0.85), 0, 180, fill=(150, 98, 58, 255))
    for k in (0.25, 0.5):
        d.arc(
            (cx - s, cy - s * (0.85 - k * 0.3), cx + s, cy + s * (0.85 - k * 0.3)),
            10,
            170,
            fill=(120, 74, 40, 255),
            width=3,
        )


def _scene_mushrooms(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    cx, cy = w * 0.5, h * 0.5
    _glow(base, cx, cy - h * 0.1, w * 0.4, h * 0.35)
    spots = _scatter(rng, w, h, 9, 0.06)
    big = [
        (cx - h * 0.2, cy + h * 0.02, h * 0.3),
        (cx + h * 0.18, cy - h * 0.04, h * 0.36),
        (cx + h * 0.02, cy + h * 0.14, h * 0.24),
    ]
    _soft_shadows(base, [(x - s * 0.6, y + s * 0.42, x + s * 0.6, y + s * 0.68) for x, y, s in big])

    def one(x: float, y: float, s: float) -> None:
        if _has(name, "mộc nhĩ"):
            d.polygon(_blob(rng, x, y, s * 0.5, 0.3), fill=_rgba(_jitter(rng, (48, 34, 32), 8)))
            d.polygon(_blob(rng, x + s * 0.05, y - s * 0.05, s * 0.3, 0.3), fill=(90, 64, 58, 200))
        elif _has(name, "linh chi"):
            pts = [
                (
                    x + s * 0.6 * math.cos(a / 10 * math.pi),
                    y - s * 0.45 * math.sin(a / 10 * math.pi),
                )
                for a in range(11)
            ]
            d.polygon([*pts, (x, y + s * 0.05)], fill=_rgba(_jitter(rng, (150, 46, 30), 10)))
            for k in (0.8, 0.6, 0.4):
                d.arc(
                    (x - s * 0.6 * k, y - s * 0.45 * k, x + s * 0.6 * k, y + s * 0.45 * k),
                    190,
                    350,
                    fill=(214, 120, 60, 200),
                    width=max(2, int(s * 0.03)),
                )
            d.ellipse((x - s * 0.25, y - s * 0.3, x, y - s * 0.2), fill=(255, 255, 255, 70))
        elif _has(name, "sò"):
            pts = [
                (
                    x + s * 0.55 * math.cos(a / 10 * math.pi),
                    y - s * 0.4 * math.sin(a / 10 * math.pi),
                )
                for a in range(11)
            ]
            d.polygon(
                [*pts, (x + s * 0.08, y + s * 0.2), (x - s * 0.08, y + s * 0.2)],
                fill=_rgba(_jitter(rng, (196, 184, 166), 8)),
            )
        else:
            _mushroom(d, x, y, s, _jitter(rng, rng.choice(accents[:3]), 10), (240, 228, 206))

    for x, y in spots:
        one(x, y, h * rng.uniform(0.12, 0.16))
    for x, y, s in big:
        one(x, y, s)


def _scene_handicrafts(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    if _has(name, "túi"):
        x0, y0, x1, y1 = w * 0.26, h * 0.22, w * 0.74, h * 0.78
        d.arc(
            (w * 0.34, h * 0.02, w * 0.66, h * 0.42),
            180,
            360,
            fill=(70, 40, 26, 255),
            width=int(h * 0.025),
        )
    elif _has(name, "gối"):
        x0, y0, x1, y1 = w * 0.3, h * 0.1, w * 0.7, h * 0.78
    else:
        x0, y0, x1, y1 = w * 0.12, h * 0.08, w * 0.88, h * 0.74
    _soft_shadows(base, [(x0 - 20, y0 + 10, x1 + 30, y1 + 40)], 140)
    indigo: _RGB = (30, 36, 84) if not _has(name, "ê đê", "k'ho") else (24, 22, 26)
    d.rectangle((x0, y0, x1, y1), fill=_rgba(indigo))
    y = y0 + h * 0.02
    while y < y1 - h * 0.02:
        band = min(h * rng.uniform(0.04, 0.1), y1 - y)
        colour = rng.choice(accents)
        kind = rng.choice(("plain", "zigzag", "diamond", "dots", "check"))
        if kind == "plain":
            d.rectangle((x0, y, x1, y + band * 0.5), fill=_rgba(colour))
        elif kind == "zigzag":
            step = band * 0.8
            pts = []
            x = x0
            up = True
            while x <= x1:
                pts.append((x, y + (band * 0.15 if up else band * 0.85)))
                x += step
                up = not up
            d.line(pts, fill=_rgba(colour), width=max(3, int(band * 0.18)))
        elif kind == "diamond":
            step = band * 1.1
            x = x0 + step / 2
            other = rng.choice(accents)
            while x < x1 - step / 3:
                d.polygon(
                    [
                        (x, y),
                        (x + band * 0.5, y + band / 2),
                        (x, y + band),
                        (x - band * 0.5, y + band / 2),
                    ],
                    fill=_rgba(colour),
                )
                d.polygon(
                    [
                        (x, y + band * 0.3),
                        (x + band * 0.2, y + band / 2),
                        (x, y + band * 0.7),
                        (x - band * 0.2, y + band / 2),
                    ],
                    fill=_rgba(other),
                )
                x += step
        elif kind == "dots":
            step = band * 0.7
            x = x0 + step / 2
            while x < x1:
                rr = band * 0.16
                d.ellipse(
                    (x - rr, y + band / 2 - rr, x + rr, y + band / 2 + rr), fill=_rgba(colour)
                )
                x += step
        else:
            step = band * 0.5
            x = x0
            i = 0
            while x < x1:
                if i % 2 == 0:
                    d.rectangle((x, y, min(x1, x + step), y + band / 2), fill=_rgba(colour))
                else:
                    d.rectangle((x, y + band / 2, min(x1, x + step), y + band), fill=_rgba(colour))
                x += step
                i += 1
        y += band + h * rng.uniform(0.01, 0.03)
    if not _has(name, "túi", "gối", "áo"):
        for i in range(int((x1 - x0) / 14)):
            fx = x0 + 7 + i * 14
            d.line(
                (fx, y1, fx + rng.uniform(-4, 4), y1 + h * 0.05),
                fill=_rgba(rng.choice(accents)),
                width=4,
            )
    if _has(name, "áo"):
        for k in range(5):
            by = y0 + (y1 - y0) * (0.15 + 0.16 * k)
            d.ellipse(
                (w * 0.5 - 16, by - 16, w * 0.5 + 16, by + 16),
                fill=(214, 216, 222, 255),
                outline=(150, 150, 160, 255),
                width=3,
            )


def _ridge(rng: random.Random, w: int, base_y: float, amp: float, rough: float) -> list[_Point]:
    pts: list[_Point] = [(0, base_y - rng.uniform(0, amp)), (w, base_y - rng.uniform(0, amp))]
    for _ in range(6):
        new: list[_Point] = [pts[0]]
        for (ax, ay), (bx, by) in itertools.pairwise(pts):
            new.append(((ax + bx) / 2, (ay + by) / 2 + rng.uniform(-amp, amp)))
            new.append((bx, by))
        pts = new
        amp *= rough
    return pts


def _scene_tours(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    sx, sy = rng.uniform(w * 0.2, w * 0.8), rng.uniform(h * 0.12, h * 0.28)
    _glow(base, sx, sy, h * 0.3, h * 0.3, 150)
    d.ellipse(
        (sx - h * 0.07, sy - h * 0.07, sx + h * 0.07, sy + h * 0.07), fill=(255, 236, 176, 255)
    )
    for _ in range(4):
        x, y = rng.uniform(0, w), rng.uniform(h * 0.08, h * 0.3)
        for _ in range(4):
            rx, ry = rng.uniform(50, 110), rng.uniform(20, 40)
            ox = rng.uniform(-80, 80)
            d.ellipse((x + ox - rx, y - ry, x + ox + rx, y + ry), fill=(255, 255, 255, 130))
    layers = len(accents)
    for i, colour in enumerate(accents):
        ridge = _ridge(rng, w, h * (0.42 + 0.12 * i), h * (0.16 - 0.02 * i), 0.55)
        d.polygon([*ridge, (w, h), (0, h)], fill=_rgba(colour))
        if i == 0 and _has(name, "mây"):
            for _ in range(40):
                x, y = rng.uniform(-50, w + 50), h * rng.uniform(0.5, 0.6)
                rx, ry = rng.uniform(60, 140), rng.uniform(18, 36)
                d.ellipse((x - rx, y - ry, x + rx, y + ry), fill=(255, 255, 255, 170))
        if i == layers - 2:
            near = ridge
    front = accents[-1]
    if _has(name, "chè"):
        for k in range(9):
            y = h * (0.7 + 0.03 * k)
            d.arc(
                (-w * 0.2, y - h * 0.1, w * 1.2, y + h * 0.1),
                190,
                350,
                fill=(96, 150, 80, 255),
                width=10,
            )
    elif _has(name, "kayak", "thuyền", "sông", "hồ ba bể"):
        d.rectangle((0, h * 0.72, w, h), fill=(70, 130, 160, 255))
        for _ in range(14):
            x, y = rng.uniform(0, w), rng.uniform(h * 0.74, h * 0.8)
            d.line((x, y, x + rng.uniform(30, 90), y), fill=(200, 230, 240, 180), width=3)
        bx, by = w * rng.uniform(0.3, 0.6), h * 0.76
        d.polygon(
            [(bx - 90, by - 10), (bx + 90, by - 10), (bx + 60, by + 12), (bx - 60, by + 12)],
            fill=(200, 72, 40, 255),
        )
        d.ellipse((bx - 12, by - 50, bx + 12, by - 26), fill=(40, 40, 40, 255))
        d.line((bx, by - 28, bx, by - 8), fill=(40, 40, 40, 255), width=10)
        d.line((bx - 60, by - 46, bx + 60, by - 4), fill=(240, 200, 60, 255), width=6)
    else:
        for k in range(6):
            y = h * (0.72 + 0.028 * k)
            d.arc(
                (-w * 0.1, y - h * 0.06, w * 1.1, y + h * 0.08),
                195,
                345,
                fill=_rgba(_mix(front, (200, 220, 140), 0.35)),
                width=5,
            )
    if _has(name, "phòng", "homestay", "nhà", "giường", "ngủ", "nghỉ"):
        hx = w * rng.uniform(0.58, 0.74)
        hy = min(y for x, y in near if abs(x - hx) < w * 0.08) + h * 0.06
        hw, hh = w * 0.16, h * 0.1
        for k in range(5):
            px = hx - hw / 2 + k * hw / 4
            d.line((px, hy + hh, px, hy + hh + h * 0.07), fill=(70, 46, 30, 255), width=6)
        d.rectangle((hx - hw / 2, hy, hx + hw / 2, hy + hh), fill=(150, 100, 62, 255))
        d.polygon(
            [
                (hx - hw * 0.65, hy + 6),
                (hx - hw * 0.3, hy - hh * 0.9),
                (hx + hw * 0.3, hy - hh * 0.9),
                (hx + hw * 0.65, hy + 6),
            ],
            fill=(96, 62, 40, 255),
        )
        for k in (-0.25, 0.1):
            d.rectangle(
                (hx + hw * k, hy + hh * 0.3, hx + hw * (k + 0.14), hy + hh * 0.7),
                fill=(255, 214, 120, 255),
            )
    if _has(name, "đạp xe"):
        bx, by = w * 0.3, h * 0.74
        for off in (-36, 36):
            d.ellipse(
                (bx + off - 26, by - 26, bx + off + 26, by + 26), outline=(40, 40, 40, 255), width=5
            )
        d.line(
            [(bx - 36, by), (bx - 6, by - 34), (bx + 36, by), (bx, by), (bx - 6, by - 34)],
            fill=(200, 60, 40, 255),
            width=5,
        )


def _capsule(cx: float, cy: float, length: float, radius: float, angle: float) -> list[_Point]:
    pts: list[_Point] = []
    for i in range(9):
        a = -math.pi / 2 + math.pi * i / 8
        pts.append((length / 2 + radius * math.cos(a), radius * math.sin(a)))
    for i in range(9):
        a = math.pi / 2 + math.pi * i / 8
        pts.append((-length / 2 + radius * math.cos(a), radius * math.sin(a)))
    return _rotated(pts, cx, cy, angle)


def _durian(d: _Draw, rng: random.Random, x: float, y: float, s: float) -> None:
    d.ellipse(
        (x - s, y - s * 0.85, x + s, y + s * 0.85), fill=_rgba(_jitter(rng, (120, 134, 48), 8))
    )
    for row in range(7):
        for col in range(8):
            px = x - s * 0.85 + col * s * 0.24 + (s * 0.12 if row % 2 else 0)
            py = y - s * 0.7 + row * s * 0.22
            if ((px - x) / s) ** 2 + ((py - y) / (s * 0.85)) ** 2 > 0.85:
                continue
            d.polygon(
                [
                    (px - s * 0.07, py + s * 0.06),
                    (px + s * 0.07, py + s * 0.06),
                    (px, py - s * 0.09),
                ],
                fill=(86, 98, 30, 255),
            )
    d.line(
        (x, y - s * 0.85, x + s * 0.05, y - s * 1.1),
        fill=(100, 80, 40, 255),
        width=max(4, int(s * 0.07)),
    )


def _scene_other(
    base: Image.Image,
    d: _Draw,
    rng: random.Random,
    w: int,
    h: int,
    accents: tuple[_RGB, ...],
    name: str,
) -> None:
    cx, cy = w * 0.5, h * 0.45
    if _has(name, "mận", "hồng không hạt", "hồng ") and not _has(name, "siro"):
        colours = (
            list(_PALETTES["dried-fruit"][2]) if "mận" in name else [(236, 124, 40), (222, 104, 30)]
        )
        _scene_dried_fruit(base, d, rng, w, h, tuple(colours), "")
        return
    if _has(name, "cốm"):
        _glow(base, cx, cy, w * 0.35, h * 0.35)
        _bowl(
            d,
            cx,
            h * 0.5,
            h * 0.36,
            (150, 96, 56),
            [((150, 190, 90), 1.0), ((176, 206, 110), 1.0)],
            rng,
            True,
            False,
        )
        return
    _glow(base, cx, cy, w * 0.38, h * 0.36)
    if _has(name, "sầu riêng") and not _has(name, "cơm"):
        _soft_shadows(
            base, [(w * 0.22, h * 0.62, w * 0.56, h * 0.78), (w * 0.46, h * 0.64, w * 0.8, h * 0.8)]
        )
        _durian(d, rng, w * 0.38, h * 0.45, h * 0.24)
        _durian(d, rng, w * 0.62, h * 0.5, h * 0.22)
    elif _has(name, "sầu riêng"):
        _soft_shadows(base, [(w * 0.25, h * 0.6, w * 0.75, h * 0.8)])
        d.rounded_rectangle(
            (w * 0.25, h * 0.28, w * 0.75, h * 0.72), radius=30, fill=(236, 240, 244, 255)
        )
        for _ in range(7):
            x, y = rng.uniform(w * 0.33, w * 0.67), rng.uniform(h * 0.36, h * 0.64)
            d.polygon(
                _blob(rng, x, y, h * 0.08, 0.15), fill=_rgba(_jitter(rng, (246, 210, 90), 10))
            )
    elif _has(name, "bơ"):
        spots = [(w * 0.36, h * 0.44), (w * 0.6, h * 0.38), (w * 0.5, h * 0.58)]
        _soft_shadows(
            base, [(x - h * 0.17, y + h * 0.12, x + h * 0.17, y + h * 0.24) for x, y in spots]
        )
        for i, (x, y) in enumerate(spots):
            a = rng.uniform(-0.6, 0.6) + math.pi / 2
            if i == 2:
                d.polygon(_oval(x, y, h * 0.2, h * 0.14, a - math.pi / 2), fill=(60, 100, 40, 255))
                d.polygon(
                    _oval(x, y, h * 0.18, h * 0.12, a - math.pi / 2), fill=(214, 222, 120, 255)
                )
                d.ellipse(
                    (x - h * 0.06, y - h * 0.06, x + h * 0.06, y + h * 0.06),
                    fill=(126, 74, 40, 255),
                )
            else:
                d.polygon(
                    _oval(x, y, h * 0.2, h * 0.14, a - math.pi / 2),
                    fill=_rgba(_jitter(rng, (64, 104, 40), 8)),
                )
                d.ellipse(
                    (x - h * 0.06, y - h * 0.1, x - h * 0.01, y - h * 0.04),
                    fill=(255, 255, 255, 60),
                )
    elif _has(name, "mắc ca", "hạt dẻ"):
        nut: _RGB = (150, 100, 60) if "mắc ca" in name else (112, 60, 34)
        if _has(name, "nhân", "bóc"):
            nut = (232, 210, 160)
        for x, y in _scatter(rng, w, h, 12, 0.06):
            _bean_plain(d, rng, x, y, h * 0.05, nut)
        _soft_shadows(base, [(w * 0.5 - h * 0.38, h * 0.6, w * 0.5 + h * 0.38, h * 0.86)])
        _bowl(
            d,
            w * 0.5,
            h * 0.52,
            h * 0.36,
            (196, 170, 130),
            [(nut, 1.0), (_mix(nut, (0, 0, 0), 0.1), 1.0)],
            rng,
            True,
            True,
        )
    elif _has(name, "ca cao", "sô cô la"):
        _soft_shadows(base, [(w * 0.28, h * 0.62, w * 0.72, h * 0.8)])
        for i in range(3):
            x, y = w * (0.2 + 0.3 * i), h * rng.uniform(0.18, 0.3)
            a = rng.uniform(-0.6, 0.6)
            d.polygon(
                _oval(x, y, h * 0.14, h * 0.08, a),
                fill=_rgba(rng.choice(((226, 150, 40), (196, 90, 40), (230, 190, 60)))),
            )
            for k in (-0.5, 0.0, 0.5):
                d.line(
                    _rotated([(-h * 0.12, h * 0.08 * k), (h * 0.12, h * 0.08 * k)], x, y, a),
                    fill=(150, 70, 30, 160),
                    width=3,
                )
        x0, y0, x1, y1 = w * 0.3, h * 0.36, w * 0.7, h * 0.72
        d.rounded_rectangle((x0, y0, x1, y1), radius=18, fill=(74, 40, 26, 255))
        for i in range(1, 4):
            x = x0 + (x1 - x0) * i / 4
            d.line((x, y0 + 8, x, y1 - 8), fill=(52, 26, 16, 255), width=6)
        for i in range(1, 3):
            y = y0 + (y1 - y0) * i / 3
            d.line((x0 + 8, y, x1 - 8, y), fill=(52, 26, 16, 255), width=6)
        d.line((x0 + 20, y0 + 14, x1 - 20, y0 + 14), fill=(130, 84, 60, 160), width=5)
    elif _has(name, "thịt", "lạp", "sườn"):
        # strips or sausages hanging from a bamboo pole over the kitchen fire (gác bếp)
        for _ in range(5):
            x = rng.uniform(w * 0.2, w * 0.8)
            pts = [(x + math.sin(i * 0.8 + x) * 18, h * (0.8 - 0.08 * i)) for i in range(9)]
            d.line(pts, fill=(255, 255, 255, 60), width=14, joint="curve")
        d.line(
            (w * 0.08, h * 0.16, w * 0.92, h * 0.14), fill=(150, 120, 60, 255), width=int(h * 0.03)
        )
        for k in range(1, 6):
            x = w * (0.08 + 0.168 * k) - w * 0.084
            d.line((x, h * 0.12, x, h * 0.18), fill=(120, 96, 50, 255), width=4)
        for i in range(6):
            x = w * (0.2 + 0.12 * i) + rng.uniform(-10, 10)
            top = h * 0.17
            d.line((x, h * 0.14, x, top + h * 0.03), fill=(226, 206, 160, 255), width=4)
            if _has(name, "thịt"):
                length = h * rng.uniform(0.36, 0.48)
                half = h * rng.uniform(0.028, 0.04)
                left = [
                    (x - half * (1 - 0.3 * t) + rng.uniform(-4, 4), top + length * t)
                    for t in (0, 0.2, 0.4, 0.6, 0.8, 1)
                ]
                right = [
                    (x + half * (1 - 0.3 * t) + rng.uniform(-4, 4), top + length * t)
                    for t in (1, 0.8, 0.6, 0.4, 0.2, 0)
                ]
                d.polygon(left + right, fill=_rgba(_jitter(rng, (86, 30, 22), 10)))
                for t in (0.25, 0.5, 0.75):
                    d.line(
                        (
                            x - half * 0.5,
                            top + length * t,
                            x + half * 0.4,
                            top + length * (t + 0.05),
                        ),
                        fill=(140, 60, 40, 200),
                        width=3,
                    )
            else:
                y = top + h * 0.03
                for _ in range(rng.randint(3, 4)):
                    link = h * 0.11
                    d.polygon(
                        _capsule(x, y + link / 2, link * 0.7, h * 0.03, math.pi / 2),
                        fill=_rgba(_jitter(rng, (150, 40, 36), 10)),
                    )
                    for _ in range(3):
                        px, py = x + rng.uniform(-8, 8), y + rng.uniform(link * 0.25, link * 0.75)
                        d.ellipse((px - 4, py - 4, px + 4, py + 4), fill=(240, 220, 200, 200))
                    d.line((x - 10, y + link, x + 10, y + link), fill=(226, 206, 160, 255), width=4)
                    y += link + 4
    elif _has(name, "miến"):
        # two skeins of glass noodles, each tied in the middle
        _soft_shadows(base, [(w * 0.15, h * 0.6, w * 0.85, h * 0.78)])
        for cx2, cy2 in ((w * 0.36, h * 0.42), (w * 0.62, h * 0.52)):
            half_w, half_h = h * 0.3, h * 0.13
            for _ in range(90):
                v = rng.uniform(-1, 1)
                y = cy2 + v * half_h
                span = half_w * math.sqrt(max(0.0, 1 - v * v)) * rng.uniform(0.85, 1.0)
                phase = rng.uniform(0, 6.3)
                pts = [
                    (cx2 - span + 2 * span * i / 16, y + math.sin(phase + i * 1.3) * 5)
                    for i in range(17)
                ]
                d.line(pts, fill=_rgba(_jitter(rng, (150, 128, 108), 14)), width=4)
            d.rectangle(
                (cx2 - h * 0.025, cy2 - half_h * 1.05, cx2 + h * 0.025, cy2 + half_h * 1.05),
                fill=(196, 60, 50, 255),
            )
    elif _has(name, "măng", "thạch"):
        colour: _RGB = (214, 176, 96) if "măng" in name else (70, 64, 50)
        _soft_shadows(base, [(w * 0.22, h * 0.6, w * 0.78, h * 0.8)])
        for _ in range(46):
            x, y = w * 0.5 + rng.gauss(0, w * 0.07), h * 0.46 + rng.gauss(0, h * 0.03)
            a = rng.uniform(-0.35, 0.35) + math.pi / 2
            d.polygon(
                _capsule(x, y, h * rng.uniform(0.3, 0.42), h * rng.uniform(0.008, 0.016), a),
                fill=_rgba(_jitter(rng, colour, 16)),
            )
        d.rectangle((w * 0.36, h * 0.44, w * 0.64, h * 0.48), fill=(120, 150, 70, 255))
    elif _has(name, "tinh dầu", "dầu", "siro", "nước"):
        content: _RGB = (236, 196, 60) if "dầu" in name else (170, 30, 60)
        if _has(name, "tinh dầu"):
            content = (150, 90, 40)
        _soft_shadows(base, [(w * 0.38, h * 0.68, w * 0.62, h * 0.82)])
        _bottle(d, cx, h * 0.46, h * 0.3, (206, 216, 206), content, (50, 50, 50))
        for x, y in _scatter(rng, w, h, 6, 0.12):
            if _has(name, "tràm", "hồi", "thảo quả", "lạc"):
                d.polygon(
                    _leaf(x, y, h * 0.14, h * 0.05, rng.uniform(0, 6.3)), fill=(90, 130, 70, 255)
                )
            else:
                _fruit(d, x, y, h * 0.05, rng.choice(_PALETTES["dried-fruit"][2]))
    elif _has(name, "bột"):
        content = (112, 62, 40) if _has(name, "ca cao") else (220, 214, 170)
        _soft_shadows(base, [(w * 0.36, h * 0.66, w * 0.64, h * 0.8)])
        _jar(d, cx, h * 0.38, h * 0.28, (240, 240, 232), content, (70, 110, 60))
    elif _has(name, "sáp"):
        _soft_shadows(base, [(w * 0.3, h * 0.6, w * 0.7, h * 0.78)])
        d.rounded_rectangle(
            (w * 0.3, h * 0.34, w * 0.7, h * 0.68), radius=24, fill=(238, 196, 70, 255)
        )
        for i in range(4):
            for j in range(3):
                d.polygon(
                    _hexagon(w * 0.36 + i * w * 0.09, h * 0.41 + j * h * 0.1, h * 0.045),
                    outline=(200, 150, 40, 255),
                    width=4,
                )
    elif _has(name, "bánh chưng"):
        _soft_shadows(base, [(w * 0.3, h * 0.62, w * 0.7, h * 0.8)])
        s = h * 0.26
        d.rectangle((cx - s, cy - s, cx + s, cy + s), fill=(60, 118, 54, 255))
        d.rectangle(
            (cx - s * 0.92, cy - s * 0.92, cx + s * 0.92, cy + s * 0.92),
            outline=(90, 150, 70, 255),
            width=6,
        )
        for k in (-0.35, 0.35):
            d.line((cx + s * k, cy - s, cx + s * k, cy + s), fill=(220, 200, 150, 255), width=8)
            d.line((cx - s, cy + s * k, cx + s, cy + s * k), fill=(220, 200, 150, 255), width=8)
    elif _has(name, "bánh"):
        for x, y in [*_scatter(rng, w, h, 6, 0.1), (w * 0.44, h * 0.45), (w * 0.56, h * 0.5)]:
            r = h * 0.09
            d.ellipse((x - r, y - r, x + r, y + r), fill=_rgba(_jitter(rng, (196, 140, 80), 10)))
            d.ellipse(
                (x - r * 0.8, y - r * 0.8, x + r * 0.8, y + r * 0.8),
                outline=(160, 100, 50, 255),
                width=4,
            )
            for _ in range(5):
                px, py = x + rng.uniform(-r * 0.5, r * 0.5), y + rng.uniform(-r * 0.5, r * 0.5)
                d.ellipse((px - 4, py - 4, px + 4, py + 4), fill=(110, 60, 40, 255))
    else:
        s = h * 0.22
        _soft_shadows(base, [(cx - s * 1.2, cy + s * 0.8, cx + s * 1.2, cy + s * 1.3)])
        colour = rng.choice(accents)
        d.rectangle((cx - s, cy - s * 0.6, cx + s, cy + s), fill=_rgba(colour))
        d.rectangle(
            (cx - s * 1.08, cy - s * 0.85, cx + s * 1.08, cy - s * 0.5),
            fill=_rgba(_mix(colour, (255, 255, 255), 0.2)),
        )
        d.rectangle((cx - s * 0.12, cy - s * 0.85, cx + s * 0.12, cy + s), fill=(236, 200, 80, 255))
        d.ellipse(
            (cx - s * 0.5, cy - s * 1.15, cx - s * 0.02, cy - s * 0.8),
            outline=(236, 200, 80, 255),
            width=10,
        )
        d.ellipse(
            (cx + s * 0.02, cy - s * 1.15, cx + s * 0.5, cy - s * 0.8),
            outline=(236, 200, 80, 255),
            width=10,
        )


_SCENES: dict[str, _Scene] = {
    "dried-fruit": _scene_dried_fruit,
    "tea": _scene_tea,
    "coffee": _scene_coffee,
    "honey": _scene_honey,
    "rice-grains": _scene_rice,
    "spices": _scene_spices,
    "mushrooms": _scene_mushrooms,
    "handicrafts": _scene_handicrafts,
    "homestay-tours": _scene_tours,
    "other": _scene_other,
}


# -- text --------------------------------------------------------------------------------------


def _fit_lines(
    d: _Draw, text: str, max_width: float, max_height: float, largest: int, smallest: int
) -> tuple[list[str], ImageFont.FreeTypeFont | ImageFont.ImageFont]:
    """The largest font (and one or two lines) that fits the box; truncates as a last resort."""
    words = text.split()
    for size in range(largest, smallest - 1, -2):
        font = _font(size)
        if d.textlength(text, font=font) <= max_width:
            return [text], font
    for size in range(largest, smallest - 1, -2):
        font = _font(size)
        if size * 2.3 > max_height:
            continue
        best: list[str] | None = None
        best_width = float("inf")
        for i in range(1, len(words)):
            lines = [" ".join(words[:i]), " ".join(words[i:])]
            width = max(d.textlength(line, font=font) for line in lines)
            if width <= max_width and width < best_width:
                best, best_width = lines, width
        if best is not None:
            return best, font
    font = _font(smallest)
    cut = text
    while cut and d.textlength(cut + "…", font=font) > max_width:
        cut = cut[:-1]
    return [cut.rstrip() + "…"], font


def _name_band(d: _Draw, name: str, w: int, h: int) -> None:
    name = _displayable(name)
    band_h = h * 0.2
    d.rectangle((0, h - band_h, w, h), fill=(16, 16, 20, 150))
    lines, font = _fit_lines(d, name, w * 0.9, band_h * 0.9, int(h * 0.085), max(8, int(h * 0.04)))
    size = getattr(font, "size", h * 0.05)
    gap = size * 1.15
    centre = h - band_h / 2
    first = centre - gap * (len(lines) - 1) / 2
    shadow = max(1, int(size * 0.04))
    for i, line in enumerate(lines):
        y = first + i * gap
        d.text((w / 2 + shadow, y + shadow), line, font=font, fill=(0, 0, 0, 170), anchor="mm")
        d.text((w / 2, y), line, font=font, fill=(255, 255, 255, 255), anchor="mm")


def _category_pill(d: _Draw, label: str, colour: _RGB, w: int, h: int) -> None:
    label = _displayable(label)
    font = _font(max(8, int(h * 0.034)))
    pad_x, pad_y = h * 0.022, h * 0.012
    x0, y0 = h * 0.03, h * 0.03
    _left, top, right, bottom = d.textbbox((x0 + pad_x, y0 + pad_y), label, font=font)
    d.rounded_rectangle(
        (x0, y0, right + pad_x, bottom + pad_y),
        radius=(bottom - top + 2 * pad_y) / 2,
        fill=(255, 255, 255, 210),
    )
    d.text((x0 + pad_x, y0 + pad_y), label, font=font, fill=_rgba(colour))


def _jpeg(image: Image.Image, quality: int = 85) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def demo_photo(
    product_name: str, category: str, seed: int, width: int = 1200, height: int = 900
) -> bytes:
    """A placeholder product photo: category palette and motif, the name on a band; JPEG bytes.

    Deterministic: the same arguments always give the same picture.
    """
    name = unicodedata.normalize("NFC", product_name).strip()
    if category not in _PALETTES:
        category = "other"
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    top, bottom, accents = _PALETTES[category]
    image = _gradient((width, height), _jitter(rng, top, 6), _jitter(rng, bottom, 8))
    draw = ImageDraw.Draw(image, "RGBA")
    _SCENES[category](image, draw, rng, width, height, accents, name.lower())
    _category_pill(
        draw,
        CATEGORY_LABELS[category],
        _mix(accents[0], (0, 0, 0), 0.35) if category != "handicrafts" else (30, 36, 84),
        width,
        height,
    )
    _name_band(draw, name, width, height)
    return _jpeg(image)


_INITIALS_SKIP = re.compile(r"^(htx|hợp tác xã|tổ hợp tác)\s+", re.IGNORECASE)


def _initials(name: str) -> str:
    name = _INITIALS_SKIP.sub("", unicodedata.normalize("NFC", name).strip())
    words = [word for word in re.split(r"[\s\-–—&,.()]+", name) if word and word[0].isalnum()]
    letters = "".join(word[0] for word in words[:2]).upper()
    return letters or "CP"


def demo_logo(stall_name: str, seed: int, size: int = 600) -> bytes:
    """A square stall logo: a coloured circle or rounded square with the initials; JPEG bytes."""
    rng = random.Random(seed)  # noqa: S311 - decoration, not security
    colour = rng.choice(_LOGO_COLOURS)
    light = _mix(colour, (255, 255, 255), 0.86)
    scale = 2  # drawn at twice the size and scaled down, for smooth edges
    s = size * scale
    image = Image.new("RGB", (s, s), light)
    shape = Image.new("L", (s, s), 0)
    sd = ImageDraw.Draw(shape)
    m = s * 0.07
    round_logo = rng.random() < 0.5
    if round_logo:
        sd.ellipse((m, m, s - m, s - m), fill=255)
    else:
        sd.rounded_rectangle((m, m, s - m, s - m), radius=s * 0.2, fill=255)
    inner = Image.new("RGB", (s, s), colour)
    idraw = ImageDraw.Draw(inner, "RGBA")
    ridge = _ridge(rng, s, s * 0.8, s * 0.08, 0.55)
    idraw.polygon([*ridge, (s, s), (0, s)], fill=_rgba(_mix(colour, (255, 255, 255), 0.18)))
    ridge = _ridge(rng, s, s * 0.88, s * 0.05, 0.5)
    idraw.polygon([*ridge, (s, s), (0, s)], fill=_rgba(_mix(colour, (0, 0, 0), 0.18)))
    image.paste(inner, (0, 0), shape)
    draw = ImageDraw.Draw(image, "RGBA")
    inset = m + s * 0.035
    if rng.random() < 0.7:  # a thin inner ring following the outline
        if round_logo:
            draw.ellipse(
                (inset, inset, s - inset, s - inset),
                outline=(255, 255, 255, 110),
                width=int(s * 0.012),
            )
        else:
            draw.rounded_rectangle(
                (inset, inset, s - inset, s - inset),
                radius=s * 0.17,
                outline=(255, 255, 255, 110),
                width=int(s * 0.012),
            )
    text = _displayable(_initials(stall_name))
    font = _font(int(s * (0.34 if len(text) > 1 else 0.42)))
    draw.text(
        (s / 2 + s * 0.008, s * 0.47 + s * 0.008), text, font=font, fill=(0, 0, 0, 70), anchor="mm"
    )
    draw.text((s / 2, s * 0.47), text, font=font, fill=(255, 255, 255, 255), anchor="mm")
    return _jpeg(image.resize((size, size), Image.Resampling.LANCZOS), quality=90)
