/// Word lists the generator draws names, titles and descriptions from, in the sample's style.
enum SampleWords {
    static let firstNames = [
        "PENELOPE", "NICK", "ED", "JENNIFER", "JOHNNY", "BETTE", "GRACE", "MATTHEW", "JOE", "CHRISTIAN", "ZERO", "KARL",
        "UMA", "VIVIEN", "CUBA", "FRED", "HELEN", "DAN", "BOB", "LUCILLE", "KIRSTEN", "ELVIS", "SANDRA", "CAMERON",
        "KEVIN", "RIP", "JULIA", "WOODY", "ALEC", "SISSY", "TIM", "MILLA", "AUDREY", "JUDY", "BURT", "VAL", "TOM",
        "GOLDIE", "JODIE", "KIRK", "REESE", "PARKER", "FRANCES", "ANNE", "NATALIE", "GARY", "CARMEN", "MENA", "FAY",
        "JAMES", "MARY", "PATRICIA", "LINDA", "BARBARA", "ELIZABETH", "MARIA", "SUSAN", "MARGARET", "DOROTHY", "LISA",
    ]
    static let lastNames = [
        "GUINESS", "WAHLBERG", "CHASE", "DAVIS", "LOLLOBRIGIDA", "NICHOLSON", "MOSTEL", "JOHANSSON", "SWANK", "GABLE",
        "CAGE", "BERRY", "WOOD", "BERGEN", "OLIVIER", "COSTNER", "VOIGHT", "TORN", "FAWCETT", "TRACY", "PALTROW",
        "MARX", "KILMER", "STREEP", "BLOOM", "CRAWFORD", "MCQUEEN", "HOFFMAN", "WAYNE", "PECK", "SOBIESKI", "HACKMAN",
        "DEAN", "DEPP", "DUKAKIS", "BALE", "HOPKINS", "WILLIS", "TEMPLE", "NOLTE", "HARRIS", "JACKMAN", "MONROE",
        "SMITH", "JOHNSON", "WILLIAMS", "JONES", "BROWN", "MILLER", "WILSON", "MOORE", "TAYLOR", "ANDERSON", "THOMAS",
    ]
    static let titleWords = [
        "ACADEMY", "DINOSAUR", "ACE", "GOLDFINGER", "ADAPTATION", "HOLES", "AFFAIR", "PREJUDICE", "AFRICAN", "EGG",
        "AGENT", "TRUMAN", "AIRPLANE", "SIERRA", "AIRPORT", "POLLOCK", "ALABAMA", "DEVIL", "ALADDIN", "CALENDAR",
        "ALAMO", "VIDEOTAPE", "ALASKA", "PHANTOM", "ALI", "FOREVER", "ALICE", "FANTASIA", "ALIEN", "CENTER", "ALLEY",
        "EVOLUTION", "ALONE", "TRIP", "ALTER", "VICTORY", "AMADEUS", "HOLY", "AMELIE", "HELLFIGHTERS", "ANACONDA",
        "CONFESSIONS", "ANALYZE", "HOOSIERS", "ANGELS", "LIFE", "ANNIE", "IDENTITY", "ANONYMOUS", "HUMAN", "ANTHEM",
    ]
    static let adjectives = ["Epic", "Astounding", "Fateful", "Touching", "Beautiful", "Thrilling", "Boring", "Lacklusture", "Brilliant", "Insightful"]
    static let genres = ["Drama", "Documentary", "Story", "Reflection", "Saga", "Tale", "Yarn", "Panorama", "Character Study", "Display"]
    static let roles = [
        "Feminist", "Mad Scientist", "Teacher", "Moose", "Database Administrator", "Boat", "Crocodile", "Explorer",
        "Pastry Chef", "Robot", "Frisbee", "Husband", "Lumberjack", "Monkey", "Student", "Technical Writer", "Cat", "Dog",
    ]
    static let verbs = ["Battle", "Chase", "Outgun", "Defeat", "Find", "Succumb to", "Meet", "Sink", "Build", "Fight", "Escape", "Vanquish"]
    static let places = [
        "The Canadian Rockies", "A Shark Tank", "Ancient China", "A Baloon", "The Gulf of Mexico", "Soviet Georgia",
        "A Manhattan Penthouse", "An Abandoned Mine Shaft", "Nigeria", "A Jet Boat", "The Outback", "A MySQL Convention",
    ]
    static let features = ["Trailers", "Commentaries", "Deleted Scenes", "Behind the Scenes"]
    static let categories = [
        "Action", "Animation", "Children", "Classics", "Comedy", "Documentary", "Drama", "Family", "Foreign", "Games",
        "Horror", "Music", "New", "Sci-Fi", "Sports", "Travel",
    ]
    static let languages = ["English", "Italian", "Japanese", "Mandarin", "French", "German"]
    static let ratings = ["G", "PG", "PG-13", "R", "NC-17"]
    static let placeSyllables = ["A", "Ban", "Cor", "Del", "Es", "Fa", "Gra", "Har", "Is", "Jo", "Kan", "Lo", "Mar", "No", "Or", "Pal", "Qui", "Ros", "San", "Tur", "Val", "Yo", "Zan"]
    static let streets = ["Main Street", "Lane", "Avenue", "Boulevard", "Drive", "Parkway", "Way", "Place", "Street", "Manor", "Loop"]
    static let districts = ["Alberta", "QLD", "Nagasaki", "California", "Texas", "Buenos Aires", "Ontario", "Hamburg", "Bihar", "Gois", "Kanagawa"]
}
