"""Texts for the demo content (seed_demo). Indonesian, as a real Diskominfo site would publish."""

FOOTER_TEXT = (
    "Kabupaten Kutai Timur adalah salah satu kabupaten di Provinsi Kalimantan Timur, di Indonesia. "
    "Ibu kota kabupaten ini terletak di Sangatta. Kabupaten ini memiliki luas wilayah 35.747,50 km² "
    "atau 17 persen dari luas Provinsi Kalimantan Timur. Kabupaten Kutai Timur yang terbentuk sejak "
    "12 Oktober 1999 berdasarkan UU. 47 Tahun 1999 ini memiliki jumlah penduduk 425.613 jiwa "
    "(semester 1 tahun 2022), terdiri dari 18 kecamatan, 139 desa definitif, 11 desa persiapan dan "
    "2 kelurahan."
)

PERANGKAT_DAERAH = [
    ("Dinas Komunikasi dan Informatika, Statistik dan Persandian", "Diskominfo Perstik"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda"),
    ("Dinas Pertanian dan Peternakan", "Distanak"),
    ("Dinas Sosial", "Dinsos"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("Dinas Pariwisata", "Dispar"),
    ("Dinas Lingkungan Hidup", "DLH"),
]

CATEGORIES = [
    ("Berita", "berita"),
    ("Pengumuman", "pengumuman"),
    ("Artikel", "artikel"),
    ("Siaran Pers", "siaran-pers"),
    ("Pemerintahan", "pemerintahan"),
    ("Kesehatan", "kesehatan"),
]

SAMPLE_TITLE = (
    "Samakan Persepsi antara Dinas Kominfo dan PD dalam Pengelolaan Komunikasi dan Informasi, "
    "Diskominfo Perstik Kutim Gelar Bimtek"
)
SAMPLE_LEAD = (
    "Diskominfo Perstik Kutai Timur menggelar Bimbingan Teknis strategi komunikasi publik dan "
    "pengelolaan media sosial bagi Perangkat Daerah selama tiga hari di Kota Mataram."
)
SAMPLE_PARAGRAPHS = [
    "Sebagai upaya untuk meningkatkan efektivitas komunikasi dan sinergi antara Dinas Komunikasi dan "
    "Informatika Statistik dan Persandian serta Perangkat Daerah (PD), telah diadakan Bimbingan Teknis "
    "(Bimtek) peningkatan strategi komunikasi publik dan pengelolaan media sosial pada pemerintahan "
    "daerah. Kegiatan berlangsung selama 3 hari dari Senin (02/9/2024) hingga Rabu (04/9/2024) di Prime "
    "Hotel dan Convention Lombok, Kota Mataram, Provinsi Nusa Tenggara Barat (NTB).",
    "Dalam sambutannya, Kepala Dinas Komunikasi Informatika, Statistik dan Persandian Ronni Bonar "
    "Hamonangan Siburian berharap dapat membawa perubahan positif dalam penyampaian informasi publik. "
    "Selama ini, fungsi kehumasan sering dianggap identik dengan wartawan, padahal peran sebenarnya "
    "lebih kompleks dan melibatkan banyak pihak.",
    "Lebih lanjut Ronny Bonar menegaskan, Bimtek ini dirancang untuk menyamakan persepsi antara Dinas "
    "Kominfo dan PD dalam hal pengelolaan komunikasi dan informasi.",
    "“Kita perlu memastikan bahwa semua PD memiliki kesamaan pandangan dan bersinergi dengan Dinas "
    "Kominfo, karena komunikasi dan informasi merupakan elemen penting dalam penyampaian pesan kepada "
    "publik,” ujarnya.",
    "Salah satu tujuan utama dari Bimtek ini adalah untuk mengatasi kesan Dinas Kominfo dan PD bekerja "
    "terpisah. Padahal, menurut para peserta, kedua pihak harus saling berkolaborasi secara erat.",
    "“Semua PD harus dilibatkan dalam proses komunikasi ini. Penting bagi kita untuk berbicara dalam "
    "satu bahasa, dan memastikan bahwa setiap aktivitas OPD tersampaikan dengan baik kepada "
    "masyarakat,” jelasnya.",
    "Dalam praktiknya, tugas kehumasan meliputi penyampaian informasi yang penting serta mengkonter "
    "pemberitaan yang tidak akurat. “Humas berperan sebagai fasilitator informasi dan pemecah masalah. "
    "Kami bertanggung jawab untuk memastikan bahwa informasi yang disampaikan akurat dan bermanfaat "
    "bagi masyarakat,” tambahnya.",
    "Bimtek ini juga menekankan perlunya formasi CPNS yang mencakup prakom dan prahum di setiap "
    "perangkat daerah. Hal ini bertujuan agar prakom dan prahum dapat saling melengkapi dan memastikan "
    "informasi yang disebarluaskan lebih menarik dan tidak hanya bersifat satu arah.",
    "Dengan adanya Bimtek ini, diharapkan setiap PD dan Dinas Kominfo dapat lebih bersinergi, menjalin "
    "komunikasi yang lebih baik, dan memberikan informasi yang lebih akurat serta berguna bagi publik.",
]

PLACES = [
    "SANGATTA",
    "SANGATTA UTARA",
    "BENGALON",
    "MUARA WAHAU",
    "KAUBUN",
    "RANTAU PULUNG",
    "SAMARINDA",
]
TOPICS = [
    (
        "Bupati Resmikan Jembatan Penghubung Dua Kecamatan",
        "Pemerintahan",
        ["infrastruktur", "bupati"],
    ),
    ("Vaksinasi Anak Sekolah Capai 90 Persen", "Kesehatan", ["vaksinasi", "kesehatan anak"]),
    ("Pendaftaran Beasiswa Kutim Cerdas Dibuka", "Pengumuman", ["beasiswa", "pendidikan"]),
    ("Petani Sawit Ikuti Pelatihan Pupuk Organik", "Berita", ["pertanian", "sawit"]),
    ("Posyandu Remaja Hadir di Sangatta Utara", "Kesehatan", ["posyandu", "remaja"]),
    ("Musrenbang Kecamatan Bahas Prioritas 2025", "Pemerintahan", ["musrenbang", "perencanaan"]),
    ("Festival Budaya Wehea Tarik Ribuan Pengunjung", "Berita", ["budaya", "pariwisata"]),
    ("Siaga Banjir, BPBD Siapkan Perahu Karet", "Siaran Pers", ["bencana", "banjir"]),
    ("Layanan Internet Desa Diperluas ke 20 Desa", "Berita", ["internet desa", "digital"]),
    ("Cara Mengurus Akta Kelahiran Secara Daring", "Artikel", ["layanan publik", "kependudukan"]),
    ("Pasar Murah Jelang Hari Raya di Lima Kecamatan", "Pengumuman", ["pasar murah", "ekonomi"]),
    ("Gerakan Menanam Pohon di Bantaran Sungai", "Berita", ["lingkungan", "penghijauan"]),
    ("Pelatihan Literasi Digital untuk Guru SD", "Berita", ["literasi digital", "pendidikan"]),
    ("Kutim Raih Penghargaan Keterbukaan Informasi", "Siaran Pers", ["keterbukaan informasi"]),
    ("Bantuan Sosial Tahap Kedua Mulai Disalurkan", "Pengumuman", ["bansos", "sosial"]),
    ("Pemeriksaan Kesehatan Gratis bagi Lansia", "Kesehatan", ["lansia", "kesehatan"]),
    ("Jalan Poros Muara Wahau Mulai Diperbaiki", "Pemerintahan", ["infrastruktur", "jalan"]),
    ("Wisata Pantai Teluk Lombok Berbenah", "Artikel", ["pariwisata", "pantai"]),
]
PARAGRAPHS = [
    "Kegiatan ini dihadiri oleh perwakilan perangkat daerah, camat, dan tokoh masyarakat setempat. "
    "Pemerintah Kabupaten Kutai Timur berkomitmen memastikan program berjalan tepat sasaran.",
    "Menurut kepala dinas terkait, capaian tahun ini lebih baik dibanding tahun sebelumnya berkat "
    "kerja sama lintas sektor dan dukungan masyarakat.",
    "Warga yang membutuhkan informasi lebih lanjut dapat menghubungi kantor kecamatan terdekat atau "
    "pusat layanan informasi pemerintah daerah pada jam kerja.",
    "Pemerintah daerah juga mengimbau masyarakat untuk memanfaatkan layanan yang tersedia dan "
    "menyampaikan masukan melalui kanal pengaduan resmi.",
]
