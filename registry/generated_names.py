"""Name pools of the data generator (``generate_data``): fictional combinations of common names, each name with the
spellings it is really written in, and its Arabic script where it has one.

A name is ``(Arabic script or "", [spellings])``; the first spelling is the most common. A person gets a given name,
often a second one (an Arabic father's name, a French or Portuguese double name), and a family name from the pools
of one culture. ``identities`` returns who each generated person is, so the search benchmark can ask for them in
another spelling than the one stored.
"""

import random
import re
from dataclasses import dataclass

ARABIC_SCRIPT_CHARS = re.compile(r"[\u0600-\u06FF]")

Name = tuple[str, list[str]]

ARABIC_GIVEN: list[Name] = [
    ("محمد", ["Mohamed", "Mohammed", "Muhammad", "Mohamad", "Mohammad"]),
    ("محمود", ["Mahmoud", "Mahmud", "Mahmood"]),
    ("أحمد", ["Ahmed", "Ahmad"]),
    ("مصطفى", ["Mostafa", "Mustafa", "Moustafa"]),
    ("يوسف", ["Youssef", "Yusuf", "Youcef", "Yousef"]),
    ("إبراهيم", ["Ibrahim", "Ebrahim", "Brahim"]),
    ("خالد", ["Khaled", "Khalid"]),
    ("عمر", ["Omar", "Omer"]),
    ("حسن", ["Hassan", "Hasan"]),
    ("حسين", ["Hussein", "Hussain", "Hocine"]),
    ("علي", ["Ali"]),
    ("كريم", ["Karim", "Kareem"]),
    ("طارق", ["Tarek", "Tariq", "Tarik"]),
    ("سعيد", ["Said", "Saeed", "Saïd"]),
    ("عبد الرحمن", ["Abdelrahman", "Abdul Rahman", "Abd al-Rahman", "Abderrahmane"]),
    ("عبد الله", ["Abdallah", "Abdullah", "Abdellah", "Abd Allah"]),
    ("عبد العزيز", ["Abdelaziz", "Abdul Aziz", "Abdulaziz"]),
    ("عبد الكريم", ["Abdelkarim", "Abdul Karim", "Abdelkrim"]),
    ("فاطمة", ["Fatma", "Fatima", "Fatimah"]),
    ("عائشة", ["Aisha", "Aicha", "Ayesha"]),
    ("خديجة", ["Khadija", "Khadidja", "Khadeeja"]),
    ("مريم", ["Mariam", "Maryam", "Meriem"]),
    ("نور", ["Nour", "Noor", "Nur"]),
    ("سلمى", ["Salma", "Selma"]),
    ("ياسمين", ["Yasmine", "Yasmin"]),
    ("أمينة", ["Amina", "Aminah"]),
    ("ليلى", ["Leila", "Layla", "Laila"]),
    ("سميرة", ["Samira", "Sameera"]),
    ("زينب", ["Zeinab", "Zainab", "Zaynab"]),
    ("وليد", ["Walid", "Waleed"]),
    ("نبيل", ["Nabil", "Nabeel"]),
    ("جمال", ["Gamal", "Jamal"]),
    ("حمزة", ["Hamza", "Hamzah"]),
    ("بلال", ["Bilal"]),
    ("رشيد", ["Rachid", "Rashid", "Rasheed"]),
    ("عادل", ["Adel", "Adil"]),
    ("هشام", ["Hisham", "Hicham", "Hesham"]),
    ("ياسر", ["Yasser", "Yasir"]),
    ("منى", ["Mona", "Muna"]),
    ("رانيا", ["Rania", "Ranya"]),
]

ARABIC_FAMILY: list[Name] = [
    ("حجازي", ["Hegazi", "Hegazy", "Higazi", "Hijazi"]),
    ("بن صالح", ["Ben Salah", "Bensalah", "Ben-Salah"]),
    ("الشريف", ["El Sherif", "Al-Sharif", "Elsherif", "Al Sharif"]),
    ("ولد أحمد", ["Ould Ahmed", "Ould-Ahmed"]),
    ("عبد الفتاح", ["Abdel Fattah", "Abdelfattah", "Abd El-Fattah"]),
    ("منصور", ["Mansour", "Mansur"]),
    ("حداد", ["Haddad"]),
    ("خوري", ["Khoury", "Khouri", "Khury"]),
    ("ناصر", ["Nasser", "Nasir"]),
    ("فاروق", ["Farouk", "Faruq", "Farouq"]),
    ("جابر", ["Gaber", "Jaber", "Jabir"]),
    ("عثمان", ["Othman", "Osman", "Uthman"]),
    ("بن علي", ["Ben Ali", "Benali"]),
    ("العمراني", ["El Amrani", "Elamrani", "Al-Amrani"]),
    ("الطرابلسي", ["Trabelsi", "Trabelssi"]),
    ("شعبان", ["Chaabane", "Shaaban", "Chaban"]),
    ("عبد القادر", ["Abdelkader", "Abdul Qadir", "Abd al-Qadir"]),
    ("فهمي", ["Fahmy", "Fahmi"]),
    ("صبري", ["Sabry", "Sabri"]),
    ("درويش", ["Darwish", "Darwich"]),
    ("قاسم", ["Kassem", "Qasim", "Kacem"]),
    ("جرجس", ["Guirguis", "Girgis", "Gerges"]),
    ("بطرس", ["Boutros", "Butros"]),
    ("المصري", ["El Masry", "Al-Masri", "Elmasry"]),
    ("السيد", ["El Sayed", "Elsayed", "Al-Sayyid"]),
    ("الحسيني", ["El Husseini", "Al-Husseini", "Elhusseini"]),
    ("زيدان", ["Zidane", "Zaidan", "Zeidan"]),
    ("بوزيد", ["Bouzid", "Bou Zid"]),
    ("الفاسي", ["El Fassi", "Elfassi", "Al-Fasi"]),
    ("النجار", ["El Naggar", "Al-Najjar", "Elnaggar"]),
    ("سليمان", ["Soliman", "Suleiman", "Sulaiman"]),
    ("رمضان", ["Ramadan", "Ramdane", "Ramadhan"]),
    ("يعقوب", ["Yacoub", "Yaqub", "Yakoub"]),
    ("الزين", ["El Zein", "Elzein", "Al-Zain"]),
    ("حمدان", ["Hamdan", "Hamdane"]),
    ("عياد", ["Ayad", "Ayyad"]),
    ("مراد", ["Mourad", "Murad"]),
    ("الخطيب", ["El Khatib", "Al-Khatib", "Elkhatib"]),
    ("شاكر", ["Shaker", "Chaker", "Shakir"]),
    ("عزيز", ["Aziz", "Azziz"]),
]

FRENCH_GIVEN: list[Name] = [
    ("", ["Hélène", "Helene"]),
    ("", ["Jean-Baptiste", "Jean Baptiste"]),
    ("", ["Marie-Claire", "Marie Claire"]),
    ("", ["François", "Francois"]),
    ("", ["Aminata"]),
    ("", ["Moussa", "Musa"]),
    ("", ["Ousmane", "Usman"]),
    ("", ["Fatou", "Fatu"]),
    ("", ["Mamadou", "Mamadu"]),
    ("", ["Awa"]),
    ("", ["Ibrahima"]),
    ("", ["Aïssatou", "Aissatou"]),
    ("", ["Cheikh", "Sheikh"]),
    ("", ["Adama"]),
    ("", ["Mariama", "Mariame"]),
    ("", ["Souleymane", "Suleiman"]),
    ("", ["Christine"]),
    ("", ["Pierre"]),
    ("", ["Élodie", "Elodie"]),
    ("", ["Seydou", "Seidou"]),
]

FRENCH_FAMILY: list[Name] = [
    ("", ["N'Diaye", "Ndiaye", "N Diaye"]),
    ("", ["Diop"]),
    ("", ["Traoré", "Traore"]),
    ("", ["Coulibaly", "Kulibali"]),
    ("", ["Ouédraogo", "Ouedraogo"]),
    ("", ["Diallo", "Jallow"]),
    ("", ["Keïta", "Keita"]),
    ("", ["Sow"]),
    ("", ["Camara", "Kamara"]),
    ("", ["Dubois"]),
    ("", ["Lefèvre", "Lefebvre"]),
    ("", ["Konaté", "Konate"]),
    ("", ["N'Guessan", "Nguessan"]),
    ("", ["Sané", "Sane"]),
    ("", ["Mbaye", "M'Baye"]),
    ("", ["Cissé", "Cisse"]),
    ("", ["Fall"]),
    ("", ["Kaboré", "Kabore"]),
    ("", ["Touré", "Toure"]),
    ("", ["Mc Donald", "McDonald", "MacDonald"]),
]

PORTUGUESE_GIVEN: list[Name] = [
    ("", ["João", "Joao"]),
    ("", ["José", "Jose"]),
    ("", ["Conceição", "Conceicao"]),
    ("", ["Maria"]),
    ("", ["Ana"]),
    ("", ["Luís", "Luis"]),
    ("", ["António", "Antonio"]),
    ("", ["Graça", "Graca"]),
    ("", ["Esperança", "Esperanca"]),
    ("", ["Celestino"]),
]

PORTUGUESE_FAMILY: list[Name] = [
    ("", ["da Silva", "Da Silva", "Silva"]),
    ("", ["dos Santos", "Santos"]),
    ("", ["Gonçalves", "Goncalves"]),
    ("", ["Fernandes"]),
    ("", ["Pereira"]),
    ("", ["Nhantumbo"]),
    ("", ["Macuácua", "Macuacua"]),
    ("", ["Tembe"]),
    ("", ["Mondlane"]),
    ("", ["Cossa", "Cosa"]),
]

SWAHILI_GIVEN: list[Name] = [
    ("", ["Wanjiru"]),
    ("", ["Achieng", "Akinyi"]),
    ("", ["Baraka"]),
    ("", ["Neema"]),
    ("", ["Juma"]),
    ("", ["Amani"]),
    ("", ["Zawadi"]),
    ("", ["Mwajuma"]),
    ("", ["Wekesa"]),
    ("", ["Nyokabi"]),
    ("", ["Kioko"]),
    ("", ["Faraji"]),
]

SWAHILI_FAMILY: list[Name] = [
    ("", ["Otieno"]),
    ("", ["Mwangi"]),
    ("", ["Kamau"]),
    ("", ["Njoroge"]),
    ("", ["Wanjiku"]),
    ("", ["Omondi"]),
    ("", ["Kipchoge"]),
    ("", ["Mutua"]),
    ("", ["Okello", "Okelo"]),
    ("", ["Mwakyusa"]),
    ("", ["Chepkoech"]),
    ("", ["Nyambura"]),
]

AMHARIC_GIVEN: list[Name] = [
    ("", ["Tesfaye", "Tesfay"]),
    ("", ["Abebe"]),
    ("", ["Getachew", "Getachu"]),
    ("", ["Mulugeta"]),
    ("", ["Selam", "Selamawit"]),
    ("", ["Tigist"]),
    ("", ["Hiwot"]),
    ("", ["Dawit"]),
    ("", ["Yonas", "Yohannes"]),
    ("", ["Meseret"]),
]

AMHARIC_FAMILY: list[Name] = [
    ("", ["Alemu"]),
    ("", ["Bekele"]),
    ("", ["Haile"]),
    ("", ["Tadesse", "Tadese"]),
    ("", ["Gebremedhin", "Gebre Medhin", "Gebre-Medhin"]),
    ("", ["Woldemariam", "Wolde Mariam", "Wolde-Mariam"]),
    ("", ["Kebede"]),
    ("", ["Desta"]),
    ("", ["Tesfamariam", "Tesfa Mariam"]),
    ("", ["Asfaw"]),
]


@dataclass(frozen=True)
class Culture:
    name: str
    weight: int
    given: list[Name]
    family: list[Name]
    second_given: float  # share of people with a second given name (an Arabic father's name, a double name)


CULTURES = [
    Culture("arabic", 45, ARABIC_GIVEN, ARABIC_FAMILY, 0.8),
    Culture("french", 20, FRENCH_GIVEN, FRENCH_FAMILY, 0.3),
    Culture("swahili", 15, SWAHILI_GIVEN, SWAHILI_FAMILY, 0.5),
    Culture("portuguese", 10, PORTUGUESE_GIVEN, PORTUGUESE_FAMILY, 0.6),
    Culture("amharic", 10, AMHARIC_GIVEN, AMHARIC_FAMILY, 0.7),
]


@dataclass(frozen=True)
class Identity:
    """Who a generated person is: names as indexes into their culture's pools, and the spellings they were stored in."""

    culture: str
    given: tuple[int, ...]
    family: int
    given_spellings: tuple[int, ...]
    family_spelling: int
    arabic_script_stored: bool  # the Arabic script among the other spellings
    arabic_only: bool = False  # written in Arabic script alone, as some records come from Arabic-speaking offices

    def pools(self) -> Culture:
        return next(culture for culture in CULTURES if culture.name == self.culture)

    def given_names(self) -> list[Name]:
        return [self.pools().given[index] for index in self.given]

    def family_name(self) -> Name:
        return self.pools().family[self.family]

    def stored(self) -> tuple[str, str, str]:
        """(given name, family name, other spellings) as stored in the registry."""
        if self.arabic_only:
            return " ".join(name[0] for name in self.given_names()), self.family_name()[0], ""
        given = " ".join(
            name[1][spelling] for name, spelling in zip(self.given_names(), self.given_spellings, strict=True)
        )
        family = self.family_name()[1][self.family_spelling]
        script = ""
        if self.arabic_script_stored:
            script = " ".join(name[0] for name in [*self.given_names(), self.family_name()])
        return given, family, script


def identities(count: int, seed: int) -> list[Identity]:
    """The names of ``count`` generated people, the same for the same seed (the generator and the benchmark agree)."""
    rng = random.Random(seed)
    weights = [culture.weight for culture in CULTURES]
    people = []
    for _ in range(count):
        culture = rng.choices(CULTURES, weights)[0]
        given_count = 2 if rng.random() < culture.second_given else 1
        given = tuple(rng.randrange(len(culture.given)) for _ in range(given_count))
        family = rng.randrange(len(culture.family))
        people.append(
            Identity(
                culture=culture.name,
                given=given,
                family=family,
                given_spellings=tuple(rng.randrange(len(culture.given[index][1])) for index in given),
                family_spelling=rng.randrange(len(culture.family[family][1])),
                arabic_script_stored=culture.name == "arabic" and rng.random() < 0.4,
                arabic_only=culture.name == "arabic" and rng.random() < 0.05,
            )
        )
    return people
