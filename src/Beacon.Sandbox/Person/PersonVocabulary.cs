namespace Beacon.Sandbox.Person;

/// <summary>Word lists for synthetic people. Companies are invented, so no generated profile points at a real employer.</summary>
internal static class PersonVocabulary
{
    public static readonly (string Name, string Sex)[] FirstNames =
    [
        ("maria", "female"), ("james", "male"), ("aisha", "female"), ("wei", "male"), ("sofia", "female"),
        ("daniel", "male"), ("priya", "female"), ("carlos", "male"), ("emily", "female"), ("kwame", "male"),
        ("hannah", "female"), ("diego", "male"), ("olivia", "female"), ("minh", "male"), ("grace", "female"),
        ("ethan", "male"), ("fatima", "female"), ("lucas", "male"), ("chloe", "female"), ("omar", "male"),
        ("isabella", "female"), ("noah", "male"), ("yuki", "female"), ("samuel", "male"), ("leah", "female"),
        ("andre", "male"), ("nora", "female"), ("ravi", "male"), ("julia", "female"), ("marcus", "male"),
    ];

    public static readonly string[] LastNames =
    [
        "lopez", "smith", "nguyen", "patel", "johnson", "garcia", "kim", "brown", "okafor", "martinez", "chen",
        "williams", "hernandez", "singh", "davis", "rodriguez", "wilson", "tanaka", "anderson", "thomas", "moore",
        "jackson", "lee", "clark", "ramirez", "lewis", "walker", "young", "allen", "haddad",
    ];

    public static readonly string[] Titles =
    [
        "software engineer", "registered nurse", "teacher", "project manager", "account executive", "accountant",
        "operations manager", "physician assistant", "marketing director", "electrician", "pharmacist",
        "financial analyst", "sales manager", "civil engineer", "dental hygienist", "product designer",
        "police officer", "owner", "hr business partner", "data analyst",
    ];

    public static readonly (string Name, string Industry, string Website)[] Companies =
    [
        ("riverbend health", "hospital & health care", "riverbendhealth.example"),
        ("capitol analytics", "computer software", "capitolanalytics.example"),
        ("delta unified school district", "primary/secondary education", "deltausd.example"),
        ("golden state logistics", "logistics and supply chain", "gslogistics.example"),
        ("sierra credit union", "financial services", "sierracu.example"),
        ("american river builders", "construction", "arbuilders.example"),
        ("oakline insurance", "insurance", "oakline.example"),
        ("suncrest energy", "renewables & environment", "suncrest.example"),
        ("valley fresh markets", "retail", "valleyfresh.example"),
        ("state of california", "government administration", "ca.example"),
        ("northgate dental", "medical practice", "northgatedental.example"),
        ("tower bridge media", "marketing and advertising", "towerbridge.example"),
        ("blue oak software", "computer software", "blueoak.example"),
        ("folsom lake realty", "real estate", "folsomlakerealty.example"),
        ("self-employed", "consumer services", "self.example"),
    ];

    public static readonly (string Locality, string Region)[] Places =
    [
        ("sacramento", "california"), ("elk grove", "california"), ("roseville", "california"), ("folsom", "california"),
        ("davis", "california"), ("citrus heights", "california"), ("rancho cordova", "california"),
        ("san francisco", "california"), ("oakland", "california"), ("san jose", "california"), ("reno", "nevada"),
        ("portland", "oregon"), ("seattle", "washington"), ("phoenix", "arizona"), ("austin", "texas"),
    ];
}
