// Every visible string of the app in Bengali and English (one table), the language choice
// (localStorage), and Bengali digits for numbers, money and dates in Bengali mode.

const STRINGS = {
  'app.name': ['সনদ সেবা', 'Sonod Sheba'],
  'lang.other': ['English', 'বাংলা'], // the switch names the language it switches to, in that language

  // navigation, footer, network
  'nav.label': ['প্রধান মেনু', 'Main menu'],
  'nav.skip': ['মূল অংশে যান', 'Skip to main content'],
  'nav.home': ['প্রথম পাতায় ফিরে যান', 'Back to the start page'],
  'nav.apply': ['আবেদন করুন', 'Apply'],
  'nav.mine': ['আমার আবেদন', 'My applications'],
  'nav.access': ['কে আমার তথ্য দেখেছে', 'Who saw my data'],
  'nav.signin': ['সাইন ইন', 'Sign in'],
  'nav.signout': ['সাইন আউট', 'Sign out'],
  'nav.queue': ['আবেদনের তালিকা', 'Applications'],
  'nav.settings': ['কার্যালয়ের সেটিংস', 'Office settings'],
  'nav.handover': ['দায়িত্ব হস্তান্তর', 'Handover'],
  'nav.staff': ['কর্মী', 'Staff'],
  'nav.stats': ['পরিসংখ্যান', 'Statistics'],
  'nav.password': ['পাসওয়ার্ড বদলান', 'Change password'],
  'footer.verify': ['সনদ যাচাই করুন', 'Verify a certificate'],
  'footer.consent': ['ওয়ারিশ হিসেবে সম্মতি দিন', 'Consent as an heir'],
  'footer.staff': ['কর্মকর্তাদের সাইন ইন', 'Sign in for officials'],
  'footer.note': ['স্থানীয় সরকার বিভাগের অনলাইন সনদ সেবা', 'Online certificates of the Local Government Division'],
  'net.offline': [
    'আপনি অফলাইনে আছেন। সংযোগ ফিরলে পাতাটি আবার চেষ্টা করবে।',
    'You are offline. The page will try again when the connection is back.',
  ],

  // common
  'common.loading': ['লোড হচ্ছে…', 'Loading…'],
  'common.slow': ['সংযোগ ধীর — একটু অপেক্ষা করুন।', 'The connection is slow — please wait a little.'],
  'common.retry': ['আবার চেষ্টা করুন', 'Try again'],
  'common.more': ['আরও দেখুন', 'Show more'],
  'common.optional': ['(ঐচ্ছিক)', '(optional)'],
  'common.required': ['(আবশ্যক)', '(required)'],
  'common.sending': ['পাঠানো হচ্ছে…', 'Sending…'],
  'common.checking': ['যাচাই হচ্ছে…', 'Checking…'],
  'common.saving': ['সংরক্ষণ হচ্ছে…', 'Saving…'],
  'common.ward_n': ['ওয়ার্ড {n}', 'Ward {n}'],

  // errors
  'error.title': ['পাতাটি খোলা যায়নি', 'The page could not be opened'],
  'error.offline': [
    'ইন্টারনেট সংযোগ নেই। সংযোগ পরীক্ষা করে আবার চেষ্টা করুন।',
    'No internet connection. Check it and try again.',
  ],
  'error.timeout': [
    'সার্ভার সাড়া দিতে দেরি করছে। একটু পরে আবার চেষ্টা করুন।',
    'The server is taking too long. Please try again shortly.',
  ],
  'error.network': [
    'সার্ভারের সাথে যোগাযোগ করা যায়নি। আবার চেষ্টা করুন।',
    'Could not reach the server. Please try again.',
  ],
  'error.session': [
    'আপনার সাইন-ইনের মেয়াদ শেষ হয়েছে। আবার সাইন ইন করুন।',
    'Your sign-in has expired. Please sign in again.',
  ],
  'error.unexpected': ['একটি সমস্যা হয়েছে। আবার চেষ্টা করুন।', 'Something went wrong. Please try again.'],
  'notfound.title': ['পাতাটি পাওয়া যায়নি', 'Page not found'],
  'forbidden.title': ['এই পাতাটি আপনার জন্য নয়', 'This page is not for your account'],
  'forbidden.text': [
    'এই পাতা দেখতে অন্য ধরনের অ্যাকাউন্টে সাইন ইন করতে হবে।',
    'You need another kind of account to see this page.',
  ],

  // home
  'home.title': ['সনদ সেবা', 'Sonod Sheba'],
  'home.lead': [
    'ইউনিয়ন পরিষদ, পৌরসভা ও সিটি কর্পোরেশনের সনদের জন্য ঘরে বসে আবেদন করুন, ফি দিন এবং স্বাক্ষরিত সনদ ডাউনলোড করুন।',
    'Apply from home for certificates of union parishads, pourashavas and city corporations, pay the fee and download the signed certificate.',
  ],
  'home.start': ['আবেদন শুরু করুন', 'Start an application'],
  'home.signin': ['সাইন ইন করে আমার আবেদন দেখুন', 'Sign in to see my applications'],
  'home.dashboard': ['আমার কাজের পাতায় যান', 'Go to my dashboard'],
  'home.how': ['কীভাবে কাজ করে', 'How it works'],
  'home.step1': [
    'আপনার ইউনিয়ন পরিষদ, পৌরসভা বা সিটি কর্পোরেশন খুঁজুন।',
    'Find your union parishad, pourashava or city corporation.',
  ],
  'home.step2': [
    'কোন সনদ দরকার তা বেছে নিন এবং সিটিজেন চার্টারে কাগজপত্র, ফি ও সময়সীমা দেখুন।',
    'Choose the certificate and read the citizen charter: papers, fee and time limit.',
  ],
  'home.step3': [
    'মোবাইল নম্বর দিয়ে সাইন ইন করুন, ফর্ম পূরণ করুন ও কাগজপত্রের ছবি দিন।',
    'Sign in with your mobile number, fill in the form and add photos of your papers.',
  ],
  'home.step4': [
    'অনলাইনে ফি পরিশোধ করুন; প্রতিটি ধাপের খবর SMS-এ পাবেন।',
    'Pay the fee online; every step is sent to you by SMS.',
  ],
  'home.step5': ['অনুমোদনের পর স্বাক্ষরিত সনদ ডাউনলোড করুন।', 'Download the signed certificate once it is approved.'],
  'home.more': ['অন্যান্য সেবা', 'Other services'],
  'home.verify_text': [
    'QR কোড বা সনদ নম্বর দিয়ে যেকোনো সনদ যাচাই করুন।',
    'check any certificate by its QR code or number.',
  ],
  'home.consent_text': [
    'ওয়ারিশ সনদের আবেদনে আপনার নাম থাকলে SMS-এর কোড দিয়ে সম্মতি দিন।',
    'if you are listed as an heir, consent with the code you got by SMS.',
  ],
  'home.pending': [
    'আবেদন {tracking}-এর ফি পরিশোধ শুরু করেছিলেন।',
    'You started paying the fee for application {tracking}.',
  ],
  'home.pending_link': ['অবস্থা দেখুন', 'See its status'],

  // sign-in
  'signin.title': ['সাইন ইন', 'Sign in'],
  'signin.lead': [
    'আপনার মোবাইল নম্বরে একটি ৬ অঙ্কের কোড পাঠানো হবে। পাসওয়ার্ড লাগবে না।',
    'We will send a 6-digit code to your mobile number. No password needed.',
  ],
  'signin.phone': ['মোবাইল নম্বর', 'Mobile number'],
  'signin.phone_hint': ['যেমন ০১৭১১০০০০০০', 'For example 01711000000'],
  'signin.send': ['কোড পাঠান', 'Send the code'],
  'signin.sent': ['{phone} নম্বরে কোড পাঠানো হয়েছে।', 'A code was sent to {phone}.'],
  'signin.code': ['SMS-এ পাওয়া কোড', 'The code from the SMS'],
  'signin.code_hint': ['৬ অঙ্কের কোড; কাউকে জানাবেন না।', '6 digits; do not share it with anyone.'],
  'signin.code_invalid': ['৬ অঙ্কের কোডটি লিখুন', 'Enter the 6-digit code'],
  'signin.code_wrong': [
    'কোডটি সঠিক নয় বা মেয়াদ শেষ। আবার দেখুন অথবা নতুন কোড নিন।',
    'The code is wrong or has expired. Check it or ask for a new one.',
  ],
  'signin.verify': ['সাইন ইন করুন', 'Sign in'],
  'signin.change': ['নম্বর বদলান বা নতুন কোড নিন', 'Change the number or get a new code'],
  'signin.already': [
    'আপনি ইতিমধ্যে সাইন ইন করা আছেন। আবার সাইন ইন করলে আগের সেশন বদলে যাবে।',
    'You are already signed in. Signing in again replaces that session.',
  ],
  'signin.staff_title': ['কর্মকর্তাদের সাইন ইন', 'Sign in for officials'],
  'signin.staff_lead': [
    'ইউনিয়ন পরিষদ, পৌরসভা, সিটি কর্পোরেশন ও স্থানীয় সরকার বিভাগের কর্মকর্তাদের জন্য।',
    'For officials of union parishads, pourashavas, city corporations and the Local Government Division.',
  ],
  'signin.username': ['ব্যবহারকারী নাম', 'Username'],
  'signin.password': ['পাসওয়ার্ড', 'Password'],
  'signin.submit': ['সাইন ইন করুন', 'Sign in'],
  'signin.username_required': ['ব্যবহারকারী নাম লিখুন', 'Enter your username'],
  'signin.password_required': ['পাসওয়ার্ড লিখুন', 'Enter your password'],
  'signin.wrong_password': ['ব্যবহারকারী নাম বা পাসওয়ার্ড সঠিক নয়।', 'The username or password is not correct.'],
  'v.required': ['{label} আবশ্যক', '{label} is required'],
  'v.labelled': ['{label}: {message}', '{label} {message}'],
  'v.n': ['{n}', '{n}'],
  'v.digits': ['{lengths} অঙ্কের হতে হবে', 'must be {lengths} digits'],
  'v.date': ['সঠিক তারিখ নয়', 'must be a real date'],
  'v.future': ['ভবিষ্যতের তারিখ হতে পারে না', 'cannot be in the future'],
  'v.whole': ['পূর্ণসংখ্যা দিন', 'must be a whole number'],
  'v.negative': ['ঋণাত্মক হতে পারে না', 'cannot be negative'],
  'v.range': ['{lo} থেকে {hi} এর মধ্যে হতে হবে', 'must be between {lo} and {hi}'],
  'v.text': ['লেখা দিন', 'must be text'],
  'v.too_long': ['লেখাটি বেশি দীর্ঘ (সর্বোচ্চ {n} অক্ষর)', 'is longer than {n} characters'],
  'v.too_short': ['লেখাটি বেশি ছোট (অন্তত {n} অক্ষর)', 'is shorter than {n} characters'],
  'v.script_bn': ['বাংলায় লিখুন', 'must be written in Bengali'],
  'v.script_latin': ['ইংরেজি অক্ষরে লিখুন', 'must be written in English letters'],
  'v.pattern': ['সঠিক আকারে লিখুন', 'has the wrong format'],
  'v.select': ['তালিকা থেকে একটি বেছে নিন', 'must be chosen from the list'],
  'v.phone_field': [
    '০১ দিয়ে শুরু ১১ অঙ্কের হতে হবে, যেমন ০১৭১১০০০০০০',
    'must be 11 digits starting with 01, for example 01711000000',
  ],
  'v.email': ['সঠিক ইমেইল ঠিকানা দিন', 'must be an email address'],
  'v.rows': ['{lo} থেকে {hi}টি সারি দিন', 'must have {lo} to {hi} rows'],
  'v.one_of': ['{fields} — অন্তত একটি দিন', 'Give at least one of: {fields}'],
  'v.ward': ['ওয়ার্ড নম্বর বেছে নিন', 'Choose the ward'],
  'v.phone': ['সঠিক মোবাইল নম্বর দিন (01XXXXXXXXX)', 'Enter a Bangladeshi mobile number (01XXXXXXXXX)'],

  // offices
  'offices.title': ['কার্যালয় খুঁজুন', 'Find your office'],
  'offices.lead': [
    'যে ইউনিয়ন পরিষদ, পৌরসভা বা সিটি কর্পোরেশনের এলাকায় আপনি থাকেন, সেখানেই আবেদন করুন।',
    'Apply to the union parishad, pourashava or city corporation where you live.',
  ],
  'offices.by_name': ['নাম দিয়ে খুঁজুন', 'Search by name'],
  'offices.search_label': ['কার্যালয়ের নাম', 'Name of the office'],
  'offices.search_button': ['খুঁজুন', 'Search'],
  'offices.searching': ['খোঁজা হচ্ছে…', 'Searching…'],
  'offices.more_letters': [
    'আরও কয়েকটি অক্ষর লিখুন (বাংলায় অন্তত ২টি, ইংরেজিতে ৩টি)।',
    'Type a few more letters (at least 2 in Bengali, 3 in English).',
  ],
  'offices.found': ['{n}টি কার্যালয় পাওয়া গেছে', '{n} offices found'],
  'offices.none': [
    'এই নামে কোনো কার্যালয় পাওয়া যায়নি। বানান বদলে বা এলাকা দিয়ে খুঁজুন।',
    'No office with this name. Try another spelling or search by area.',
  ],
  'offices.none_here': ['এখানে কোনো কার্যালয় পাওয়া যায়নি।', 'No office found here.'],
  'offices.by_area': ['এলাকা দিয়ে খুঁজুন', 'Search by area'],
  'offices.division': ['বিভাগ', 'Division'],
  'offices.district': ['জেলা', 'District'],
  'offices.upazila': ['উপজেলা', 'Upazila'],
  'offices.upazila_hint': ['সিটি কর্পোরেশন তালিকার শেষে পাবেন।', 'City corporations are at the end of the list.'],
  'offices.office': ['কার্যালয়', 'Office'],
  'offices.pick_division': ['বিভাগ বেছে নিন', 'Choose a division'],
  'offices.pick_district': ['জেলা বেছে নিন', 'Choose a district'],
  'offices.pick_upazila': ['উপজেলা বেছে নিন', 'Choose an upazila'],
  'offices.pick_office': ['কার্যালয় বেছে নিন', 'Choose an office'],
  'offices.outside_upazila': [
    'সিটি কর্পোরেশন ও উপজেলার বাইরের পৌরসভা',
    'City corporations and pourashavas outside an upazila',
  ],
  'offices.loading_offices': ['কার্যালয়ের তালিকা আসছে…', 'Loading the offices…'],
  'offices.choose': ['এই কার্যালয়ে যান', 'Go to this office'],
  'offices.pick_first': [
    'আগে বিভাগ, জেলা, উপজেলা ও কার্যালয় বেছে নিন।',
    'First choose the division, district, upazila and office.',
  ],
  'kind.union': ['ইউনিয়ন পরিষদ', 'Union Parishad'],
  'kind.pourashava': ['পৌরসভা', 'Pourashava'],
  'kind.city_corporation': ['সিটি কর্পোরেশন', 'City Corporation'],

  // office and charter
  'office.choose_type': [
    'কোন সনদ দরকার? বেছে নিলে কাগজপত্র, ফি ও সময়সীমা দেখতে পাবেন।',
    'Which certificate do you need? Choose one to see its papers, fee and time limit.',
  ],
  'office.filter': ['সনদের নাম দিয়ে খুঁজুন', 'Filter by certificate name'],
  'office.types_found': ['{n}টি সনদ', '{n} certificates'],
  'office.type_terms': ['ফি {fee} · {days} দিনে', 'Fee {fee} · within {days} days'],
  'office.address': ['ঠিকানা', 'Address'],
  'office.phone': ['ফোন', 'Phone'],
  'office.email': ['ইমেইল', 'Email'],
  'office.other_office': ['অন্য কার্যালয় বেছে নিন', 'Choose another office'],
  'category.identity': ['পরিচয় ও নাগরিকত্ব', 'Identity and citizenship'],
  'category.family': ['পরিবার ও উত্তরাধিকার', 'Family and inheritance'],
  'category.marital': ['বৈবাহিক অবস্থা', 'Marital status'],
  'category.social': ['সামাজিক', 'Social'],
  'category.economic': ['আয় ও আর্থিক অবস্থা', 'Income and means'],
  'category.occupation': ['পেশা ও শিক্ষা', 'Occupation and studies'],
  'category.property': ['ভূমি ও সম্পত্তি', 'Land and property'],
  'category.business': ['ব্যবসা', 'Business'],
  'category.permit': ['অনুমতি', 'Permits'],
  'category.misc': ['বিবিধ', 'Other'],
  'charter.title': ['সিটিজেন চার্টার', 'Citizen charter'],
  'charter.time': ['সময়সীমা', 'Time limit'],
  'charter.days': ['{n} দিন', '{n} days'],
  'charter.responsible': ['দায়িত্বপ্রাপ্ত কর্মকর্তা', 'Responsible officer'],
  'charter.signatory': ['স্বাক্ষরকারী', 'Signed by'],
  'charter.escalation': ['সময়মতো না পেলে জানাবেন', 'If it is late, contact'],
  'charter.papers': ['প্রয়োজনীয় কাগজপত্র', 'Papers you need'],
  'charter.notes': ['জেনে রাখুন', 'Good to know'],
  'charter.unique': [
    'যাঁর বিষয়ে সনদ (যেমন মৃত ব্যক্তি), তাঁর জন্য সারা দেশে একটিই সক্রিয় সনদ দেওয়া হয়; আগের সনদ বা আবেদন থাকলে নতুন আবেদন গ্রহণ করা হবে না।',
    'Only one active certificate exists nationwide for the person it is about (e.g. the deceased); a second application is refused.',
  ],
  'charter.conflict': [
    'বৈবাহিক অবস্থার অন্য কোনো সক্রিয় সনদ থাকলে আগে সেটি প্রত্যাহার করতে হবে।',
    'Another active marital-status certificate must be revoked first.',
  ],
  'charter.renewable': ['প্রতি অর্থবছরে (জুলাই–জুন) একবার নবায়ন করতে হয়।', 'Renewed once per fiscal year (July–June).'],
  'charter.heirs': [
    'মোবাইল নম্বরসহ প্রত্যেক প্রাপ্তবয়স্ক ওয়ারিশ SMS-এর কোড দিয়ে সম্মতি দেবেন।',
    'Every adult heir with a mobile number consents with a code sent by SMS.',
  ],
  'charter.apply': ['এই সনদের জন্য আবেদন করুন', 'Apply for this certificate'],
  'charter.other_types': ['অন্য সনদ দেখুন', 'See other certificates'],
  'officer.chairman': ['চেয়ারম্যান', 'Chairman'],
  'officer.mayor': ['মেয়র', 'Mayor'],
  'officer.administrator': ['প্রশাসক', 'Administrator'],
  'officer.ward_member': ['ওয়ার্ড সদস্য/কাউন্সিলর', 'Ward member / councillor'],
  'officer.secretary.union': ['ইউপি সচিব', 'Union Parishad secretary'],
  'officer.secretary.pourashava': ['পৌর সচিব', 'Pourashava secretary'],
  'officer.secretary.city_corporation': ['সচিব', 'Secretary'],
  'fee.office': ['কার্যালয়ের ফি', 'Office fee'],
  'fee.platform': ['প্ল্যাটফর্ম ফি', 'Platform fee'],
  'fee.total': ['মোট', 'Total'],

  // the form
  'apply.title': ['{type}: আবেদন', '{type}: application'],
  'apply.charter': ['সিটিজেন চার্টার', 'Citizen charter'],
  'apply.optional_note': [
    'সব ঘর পূরণ করা আবশ্যক, শুধু "(ঐচ্ছিক)" লেখা ঘর ছাড়া।',
    'Every field is required except those marked "(optional)".',
  ],
  'apply.where': ['আপনি কোথায় থাকেন', 'Where you live'],
  'apply.ward': ['ওয়ার্ড নম্বর', 'Ward number'],
  'apply.ward_hint': ['{office}-এর যে ওয়ার্ডে আপনি থাকেন', 'The ward of {office} where you live'],
  'apply.details': ['আবেদনের তথ্য', 'Details'],
  'apply.papers': ['কাগজপত্র', 'Papers'],
  'apply.papers_hint': [
    'আগে দেওয়া কাগজ আবার ব্যবহার করতে পারেন। ফোনের ক্যামেরায় তোলা ছবিও চলবে।',
    'You can reuse papers you uploaded before. Photos taken with a phone camera are fine.',
  ],
  'apply.no_papers': ['এই সনদের জন্য কোনো কাগজ লাগবে না।', 'No papers are needed for this certificate.'],
  'apply.fee': ['ফি', 'Fee'],
  'apply.fee_hint': [
    'জমা দেওয়ার পর অনলাইনে বা কার্যালয়ে ফি দিতে পারবেন। ফি পাওয়ার পর {days} দিনের মধ্যে সনদ পাওয়ার কথা।',
    'After submitting you pay online or at the office. The certificate is due within {days} days of payment.',
  ],
  'apply.submit': ['আবেদন জমা দিন', 'Submit the application'],
  'apply.existing': ['আগের আবেদন/সনদের ট্র্যাকিং নম্বর: {tracking}', 'Existing application/certificate: {tracking}'],
  'form.fix': ['নিচের ঘরগুলো ঠিক করুন', 'Please correct these fields'],
  'form.choose': ['বেছে নিন', 'Choose'],
  'form.or': [' অথবা ', ' or '],
  'form.one_of': ['নিচের যেকোনো একটি দিলেই চলবে; একাধিক দিলেও ক্ষতি নেই।', 'Give any one of these; more than one is fine too.'],
  'form.hint_nid': ['১০, ১৩ বা ১৭ অঙ্ক।', '10, 13 or 17 digits.'],
  'form.hint_brn': ['১৭ অঙ্ক।', '17 digits.'],
  'form.hint_phone': ['যেমন ০১৭১১০০০০০০।', 'For example, 01711000000.'],
  'form.hint_date_past': ['আজকের পরের তারিখ হবে না।', 'Not later than today.'],
  'form.hint_year': ['৪ অঙ্কের সাল, যেমন ২০২৫।', 'A 4-digit year, for example 2025.'],
  'form.hint_bn': ['বাংলায় লিখুন।', 'Write in Bengali.'],
  'form.hint_latin': ['ইংরেজি অক্ষরে লিখুন।', 'Write in English letters.'],
  'form.hint_range': ['{lo} থেকে {hi}।', 'From {lo} to {hi}.'],
  'form.add_row': ['আরেকটি সারি যোগ করুন', 'Add another row'],
  'form.remove_row': ['সারি {n} বাদ দিন', 'Remove row {n}'],
  'form.row': ['{label}: সারি {n}', '{label}: row {n}'],

  // papers
  'papers.none_chosen': ['কোনো ফাইল বেছে নেওয়া হয়নি', 'No file chosen'],
  'papers.reuse': ['আগে দেওয়া ফাইল', 'A file you uploaded before'],
  'papers.chosen': ['বেছে নেওয়া ফাইল', 'Chosen file'],
  'papers.new': ['নতুন ফাইল দিন', 'Upload a new file'],
  'papers.new_hint': ['PDF, JPG বা PNG; সর্বোচ্চ {max}', 'PDF, JPG or PNG; at most {max}'],
  'papers.progress': ['{name} আপলোড হচ্ছে', 'Uploading {name}'],
  'papers.uploading': ['আপলোড হচ্ছে…', 'Uploading…'],
  'papers.uploaded': ['"{name}" আপলোড হয়েছে ও বেছে নেওয়া হয়েছে।', '"{name}" is uploaded and chosen.'],
  'papers.error_type': ['শুধু PDF, JPG বা PNG ফাইল দিন', 'Only PDF, JPG or PNG files'],
  'papers.error_size': ['ফাইলটি বেশি বড়; সর্বোচ্চ {max}', 'The file is too large; at most {max}'],
  'papers.error_empty': ['ফাইলটি খালি', 'The file is empty'],
  'papers.error_upload': [
    'আপলোড হয়নি। সংযোগ দেখে আবার চেষ্টা করুন।',
    'The upload failed. Check the connection and try again.',
  ],
  'papers.wait': ['ফাইল আপলোড শেষ হওয়া পর্যন্ত অপেক্ষা করুন', 'Wait until the files have finished uploading'],
  'papers.none_attached': ['কোনো কাগজ সংযুক্ত নেই।', 'No papers attached.'],
  'papers.link_expires': ['(লিংক ৫ মিনিট সক্রিয়)', '(link valid for 5 minutes)'],

  // my applications and one case
  'mine.title': ['আমার আবেদন', 'My applications'],
  'mine.empty': ['আপনি এখনো কোনো আবেদন করেননি।', 'You have not applied for anything yet.'],
  'mine.new': ['নতুন আবেদন করুন', 'Start a new application'],
  'case.tracking': ['ট্র্যাকিং নম্বর', 'Tracking number'],
  'case.created': [
    'আবেদন গ্রহণ করা হয়েছে। ট্র্যাকিং নম্বর {tracking} লিখে রাখুন।',
    'Your application was received. Note its tracking number: {tracking}.',
  ],
  'case.applied': ['আবেদনের সময়', 'Applied'],
  'case.applied_on': ['আবেদন {date}', 'applied {date}'],
  'case.due': ['নিষ্পত্তির শেষ তারিখ', 'Due by'],
  'case.ward': ['ওয়ার্ড', 'Ward'],
  'case.overdue': ['সময় পেরিয়ে গেছে', 'Overdue'],
  'case.escalated': ['ঊর্ধ্বতনকে জানানো হয়েছে', 'Escalated'],
  'case.escalated_at': ['ঊর্ধ্বতনকে জানানো হয়েছে', 'Escalated'],
  'case.timeline': ['কী কী হয়েছে', 'What has happened'],
  'case.details': ['আবেদনের তথ্য', 'Application details'],
  'case.all': ['সব আবেদন', 'All my applications'],
  'case.stale': [
    'আবেদনটি এর মধ্যে বদলে গেছে। পাতাটি আবার লোড করুন।',
    'The application changed meanwhile. Please reload the page.',
  ],
  'case.changed': ['আবেদনের অবস্থা বদলেছে: {status}', 'The application is now: {status}'],
  'case.filed_by': ['আবেদন করেছেন', 'Filed by'],
  'case.signatory': ['স্বাক্ষর করবেন', 'Signed by'],
  'case.signatory_head': ['চেয়ারম্যান/মেয়র/প্রশাসক', 'Chairman / mayor / administrator'],
  'next.draft': ['এটি খসড়া। জমা দিলে ফি পরিশোধের ধাপে যাবে।', 'This is a draft. Submit it to go on to payment.'],
  'next.changes': ['কার্যালয় আবেদনটি সংশোধন করতে বলেছে।', 'The office asked you to correct the application.'],
  'next.revise': ['সংশোধন করে আবার জমা দিন', 'Correct and resubmit'],
  'next.approved': [
    'আবেদন অনুমোদিত হয়েছে। স্বাক্ষরিত সনদ তৈরি হচ্ছে — এই পাতা নিজে থেকেই হালনাগাদ হবে।',
    'Approved. The signed certificate is being made — this page updates by itself.',
  ],
  'next.rejected': ['আবেদনটি প্রত্যাখ্যাত হয়েছে।', 'The application was rejected.'],
  'next.revoked': ['সনদটি প্রত্যাহার করা হয়েছে।', 'The certificate was revoked.'],
  'next.cancelled': ['আবেদনটি বাতিল করা হয়েছে।', 'The application was cancelled.'],
  'next.waiting': [
    'কার্যালয় আবেদনটি যাচাই করছে। {date} তারিখের মধ্যে নিষ্পত্তি হওয়ার কথা; প্রতিটি ধাপের খবর SMS-এ পাবেন।',
    'The office is checking your application. It is due by {date}; each step is sent to you by SMS.',
  ],
  'revise.title': ['আবেদন সংশোধন', 'Correct the application'],
  'revise.reason': ['কারণ:', 'Reason:'],
  'revise.submit': ['সংশোধন করে আবার জমা দিন', 'Resubmit'],
  'revise.back': ['আবেদনে ফিরে যান', 'Back to the application'],
  'revise.not_now': ['এই আবেদন এখন সংশোধন করা যাবে না।', 'This application cannot be corrected now.'],
  'pay.title': ['ফি পরিশোধ করুন', 'Pay the fee'],
  'pay.button': ['অনলাইনে ফি পরিশোধ করুন', 'Pay the fee online'],
  'pay.opening': ['পেমেন্ট পাতা খোলা হচ্ছে…', 'Opening the payment page…'],
  'pay.redirecting': ['পেমেন্ট পাতায় নেওয়া হচ্ছে…', 'Taking you to the payment page…'],
  'pay.cash_hint': [
    'বিকাশ, নগদ, রকেট বা কার্ডে দিতে পারবেন। চাইলে কার্যালয়ে বা ইউনিয়ন ডিজিটাল সেন্টারে নগদেও দিতে পারেন।',
    'Pay with bKash, Nagad, Rocket or a card — or in cash at the office or a Union Digital Centre.',
  ],
  'pay.checking': [
    'পেমেন্ট নিশ্চিত হলে অবস্থা কিছুক্ষণের মধ্যে বদলাবে। এই পাতা নিজে থেকেই হালনাগাদ হবে।',
    'Once the payment is confirmed the status changes in a moment. This page updates by itself.',
  ],
  'cert.title': ['আপনার সনদ', 'Your certificate'],
  'cert.number': ['সনদ নম্বর', 'Certificate number'],
  'cert.download': ['সনদ ডাউনলোড করুন (PDF)', 'Download the certificate (PDF)'],
  'cert.ready': ['সনদের লিংক প্রস্তুত (৫ মিনিট সক্রিয়)।', 'The link is ready (valid for 5 minutes).'],
  'cert.open': ['সনদ খুলুন', 'Open the certificate'],
  'cert.verify_hint': [
    'যে কেউ সনদের QR কোড বা নম্বর দিয়ে এটি যাচাই করতে পারবেন:',
    'Anyone can check it by its QR code or number:',
  ],
  'cancel.title': ['আবেদন বাতিল', 'Cancel the application'],
  'cancel.button': ['আবেদন বাতিল করুন', 'Cancel the application'],
  'cancel.confirm': [
    'আপনি কি নিশ্চিত? বাতিল করা আবেদন আর চালু করা যাবে না।',
    'Are you sure? A cancelled application cannot be reopened.',
  ],
  'cancel.yes': ['হ্যাঁ, বাতিল করুন', 'Yes, cancel it'],
  'cancel.no': ['না, রেখে দিন', 'No, keep it'],
  'receipt.title': ['ফি পরিশোধ', 'Payment'],
  'receipt.show': ['রশিদ দেখুন', 'Show the receipt'],
  'receipt.no': ['রশিদ নম্বর', 'Receipt number'],
  'receipt.tracking': ['ট্র্যাকিং নম্বর', 'Tracking number'],
  'receipt.amount': ['পরিমাণ', 'Amount'],
  'receipt.method': ['মাধ্যম', 'Method'],
  'receipt.cash': ['কার্যালয়ে নগদ', 'Cash at the office'],
  'receipt.txn': ['লেনদেন নম্বর', 'Transaction'],
  'receipt.state': ['অবস্থা', 'State'],
  'receipt.state.paid': ['পরিশোধিত', 'Paid'],
  'receipt.state.initiated': ['শুরু হয়েছে', 'Started'],
  'receipt.state.failed': ['ব্যর্থ', 'Failed'],
  'receipt.state.cancelled': ['বাতিল', 'Cancelled'],
  'receipt.state.refunded': ['ফেরত দেওয়া হয়েছে', 'Refunded'],
  'receipt.paid_at': ['পরিশোধের সময়', 'Paid at'],
  'receipt.refund': ['ফেরত', 'Refund'],
  'receipt.none': ['এখনো ফি পরিশোধ হয়নি।', 'Not paid yet.'],
  'refund.requested': ['অনুরোধ করা হয়েছে', 'requested'],
  'refund.sending': ['পাঠানো হচ্ছে', 'sending'],
  'refund.retry': ['আবার চেষ্টা হবে', 'will be retried'],
  'refund.refunded': ['ফেরত দেওয়া হয়েছে', 'refunded'],
  'refund.failed': ['ব্যর্থ', 'failed'],

  // identity check and heirs
  'identity.title': ['জাতীয় পরিচয় যাচাই', 'Identity check'],
  'identity.none': [
    'এই আবেদনে পরিচয় যাচাই হয়নি (NID/জন্ম নিবন্ধন নম্বর ও জন্ম তারিখ নেই)।',
    'No identity check for this application (no NID/birth registration number with a birth date).',
  ],
  'identity.matched': ['মিলেছে', 'Matched'],
  'identity.mismatch': ['অমিল আছে', 'Mismatch'],
  'identity.not_found': ['নিবন্ধনে পাওয়া যায়নি', 'Not found in the registry'],
  'identity.unavailable': [
    'যাচাই করা যায়নি (সেবা সাড়া দেয়নি) — হাতে যাচাই করুন',
    'Could not check (the registry did not answer) — check by hand',
  ],
  'identity.source_nid': ['(জাতীয় পরিচয়পত্র)', '(national ID)'],
  'identity.source_brn': ['(জন্ম নিবন্ধন)', '(birth registration)'],
  'identity.differs': ['যেসব তথ্যে অমিল:', 'Differs in:'],
  'identity.compare': ['লেখা তথ্য বনাম নিবন্ধনের তথ্য', 'Typed against the registry'],
  'identity.field': ['তথ্য', 'Field'],
  'identity.typed': ['আবেদনে', 'In the application'],
  'identity.registry': ['নিবন্ধনে', 'In the registry'],
  'identity.mismatch_tag': ['(অমিল)', '(differs)'],
  'identity.field_name_bn': ['নাম (বাংলা)', 'Name (Bengali)'],
  'identity.field_name_en': ['নাম (ইংরেজি)', 'Name (English)'],
  'identity.field_father_name_bn': ['পিতার নাম', "Father's name"],
  'identity.field_mother_name_bn': ['মাতার নাম', "Mother's name"],
  'identity.field_dob': ['জন্ম তারিখ', 'Date of birth'],
  'consent.heading': ['ওয়ারিশদের সম্মতি', "Heirs' consent"],
  'consent.row': ['ওয়ারিশ {n}', 'Heir {n}'],
  'consent.state_requested': ['অপেক্ষমাণ', 'waiting'],
  'consent.state_given': ['সম্মতি দিয়েছেন', 'consented'],
  'consent.none_asked': [
    'এখনো কাউকে জিজ্ঞাসা করা হয়নি (ফি পরিশোধের পর SMS যাবে)।',
    'Nobody has been asked yet (the SMS goes out once the fee is paid).',
  ],
  'consent.exception': ['সম্মতি ছাড়া এগোনোর কারণ:', 'Proceeding without consent because:'],
  'consent.title': ['ওয়ারিশ হিসেবে সম্মতি দিন', 'Consent as an heir'],
  'consent.lead': [
    'ওয়ারিশ সনদের আবেদনে আপনার নাম থাকলে আপনি SMS-এ একটি কোড ও লিংক পেয়েছেন; লিংকটি খুললে আবেদনটি দেখে সম্মতি দিতে পারবেন। লিংক ছাড়া দিতে চাইলে আবেদনের ট্র্যাকিং নম্বর আবেদনকারী বা কার্যালয়ের কাছে পাবেন। আপত্তি থাকলে সম্মতি না দিয়ে কার্যালয়ে জানান।',
    'If an heirship application lists you, you received a code and a link by SMS: open the link to see the application and consent. Without the link, the applicant or the office can tell you its tracking number. If you object, do not consent — tell the office.',
  ],
  'consent.tracking': ['আবেদনের ট্র্যাকিং নম্বর', 'Tracking number of the application'],
  'consent.tracking_hint': [
    'আবেদনকারী বা কার্যালয়ের কাছে পাবেন, যেমন ABCD-EFGH-JKMN-PQ।',
    'The applicant or the office has it, e.g. ABCD-EFGH-JKMN-PQ.',
  ],
  'consent.tracking_invalid': ['আবেদনের ট্র্যাকিং নম্বরটি লিখুন', "Enter the application's tracking number"],
  'consent.phone': ['আপনার মোবাইল নম্বর', 'Your mobile number'],
  'consent.code': ['SMS-এ পাওয়া ৬ অঙ্কের কোড', 'The 6-digit code from the SMS'],
  'consent.submit': ['সম্মতি দিন', 'Give consent'],
  'consent.wrong': [
    'মোবাইল নম্বর বা কোড সঠিক নয়। ৫ বার ভুল হলে কার্যালয়ে যোগাযোগ করুন।',
    'The number or the code is not correct. After 5 tries, contact the office.',
  ],
  'consent.done_title': ['ধন্যবাদ', 'Thank you'],
  'consent.done': [
    'আবেদন {tracking}-এ আপনার সম্মতি গ্রহণ করা হয়েছে।',
    'Your consent to application {tracking} is recorded.',
  ],
  'consent.already': [
    'আবেদন {tracking}-এ আপনার সম্মতি আগেই গ্রহণ করা হয়েছে।',
    'Your consent to application {tracking} was already recorded.',
  ],

  // access log
  'access.title': ['কে আমার তথ্য দেখেছে', 'Who looked at my data'],
  'access.lead': [
    'কর্মকর্তা বা অন্য সরকারি সংস্থা আপনার আবেদন বা সনদ দেখলে তা এখানে লেখা থাকে।',
    'Every time an official or another government agency looks at your application or certificate, it is listed here.',
  ],
  'access.empty': ['এখনো কেউ আপনার তথ্য দেখেননি।', 'Nobody has looked at your data yet.'],
  'access.purpose': ['উদ্দেশ্য', 'Purpose'],
  'access.certificate': ['সনদ নম্বর', 'Certificate'],
  'access.outcome': ['ফলাফল', 'Outcome'],
  'access.outcome.viewed': ['দেখেছেন', 'viewed'],
  'access.outcome.matched': ['তথ্য মিলেছে', 'details matched'],
  'access.outcome.mismatch': ['তথ্য মেলেনি', 'details did not match'],
  'purpose.case review': ['আবেদন পর্যালোচনা', 'case review'],
  'who.citizen': ['নাগরিক হিসেবে সাইন ইন করা আছে', 'Signed in as a citizen'],
  'who.staff': ['কার্যালয়ের কর্মকর্তা', 'Office official'],
  'who.agency': ['সরকারি সংস্থা', 'Government agency'],

  // statuses, actions, roles (the workflow's words)
  'status.draft': ['খসড়া', 'Draft'],
  'status.awaiting_payment': ['ফি পরিশোধের অপেক্ষায়', 'Awaiting payment'],
  'status.submitted': ['জমা হয়েছে', 'Submitted'],
  'status.ward_verified': ['ওয়ার্ড যাচাই সম্পন্ন', 'Verified by ward'],
  'status.office_verified': ['কার্যালয় যাচাই সম্পন্ন', 'Verified by office'],
  'status.inspected': ['সরেজমিন পরিদর্শন সম্পন্ন', 'Inspected'],
  'status.changes_requested': ['সংশোধন প্রয়োজন', 'Changes requested'],
  'status.approved': ['অনুমোদিত', 'Approved'],
  'status.issued': ['সনদ প্রদান করা হয়েছে', 'Issued'],
  'status.rejected': ['প্রত্যাখ্যাত', 'Rejected'],
  'status.cancelled': ['বাতিল', 'Cancelled'],
  'status.revoked': ['প্রত্যাহার করা হয়েছে', 'Revoked'],
  'action.apply': ['আবেদন করা হয়েছে', 'Applied'],
  'action.submit': ['জমা দিন', 'Submit'],
  'action.pay': ['অনলাইনে ফি পরিশোধ', 'Paid online'],
  'action.record_payment': ['নগদ ফি গ্রহণ', 'Record cash payment'],
  'action.ward_verify': ['ওয়ার্ড যাচাই', 'Verify for the ward'],
  'action.verify': ['কার্যালয় যাচাই', 'Verify papers and NID'],
  'action.inspect': ['সরেজমিন পরিদর্শন', 'Record inspection'],
  'action.approve': ['অনুমোদন', 'Approve'],
  'action.issue': ['সনদ প্রদান', 'Certificate issued'],
  'action.request_changes': ['সংশোধনের জন্য ফেরত', 'Send back for changes'],
  'action.resubmit': ['সংশোধন করে পুনরায় জমা', 'Resubmitted'],
  'action.reject': ['প্রত্যাখ্যান', 'Reject'],
  'action.cancel': ['আবেদন বাতিল', 'Cancelled by the applicant'],
  'action.revoke': ['সনদ প্রত্যাহার', 'Revoke the certificate'],
  'action.record_consent_exception': ['সম্মতি ছাড়া এগোনোর কারণ লিপিবদ্ধ', 'Record a consent exception'],
  'action.escalate': ['ঊর্ধ্বতনকে জানানো', 'Escalated'],
  'action.refund': ['অতিরিক্ত পরিশোধ ফেরত', 'Second payment refunded'],
  'role.citizen': ['আবেদনকারী', 'Applicant'],
  'role.system': ['সিস্টেম', 'System'],
  'role.ward_member': ['ওয়ার্ড সদস্য/কাউন্সিলর', 'Ward member / councillor'],
  'role.secretary': ['সচিব', 'Secretary'],
  'role.signatory': ['স্বাক্ষরকারী (চেয়ারম্যান/মেয়র)', 'Signatory (chairman / mayor)'],
  'role.office_admin': ['অফিস প্রশাসক', 'Office admin'],
  'role.udc_operator': ['উদ্যোক্তা (ইউনিয়ন ডিজিটাল সেন্টার)', 'UDC operator'],
  'role.monitor': ['পর্যবেক্ষক', 'Monitor'],
  'role.lgd_admin': ['স্থানীয় সরকার বিভাগ (প্রশাসক)', 'LGD administrator'],

  // officials: queue and case
  'queue.title': ['আবেদনের তালিকা', 'Applications'],
  'queue.by_status': ['অবস্থা অনুযায়ী', 'By status'],
  'queue.cases': ['টি আবেদন', 'applications'],
  'queue.type': ['সনদের ধরন', 'Certificate type'],
  'queue.all_types': ['সব ধরন', 'All types'],
  'queue.ward': ['ওয়ার্ড', 'Ward'],
  'queue.all_wards': ['সব ওয়ার্ড', 'All wards'],
  'queue.filter': ['দেখান', 'Show'],
  'queue.received': ['আবেদন {date}', 'received {date}'],
  'queue.due': ['শেষ তারিখ {date}', 'due {date}'],
  'queue.empty': ['এই অবস্থায় কোনো আবেদন নেই।', 'No applications with this status.'],
  'queue.back': ['তালিকায় ফিরে যান', 'Back to the list'],
  'act.title': ['আপনার সিদ্ধান্ত', 'Your decision'],
  'act.note': ['মন্তব্য বা কারণ', 'Note or reason'],
  'act.note_hint': [
    '{actions}: কারণ লেখা আবশ্যক। আবেদনকারী SMS-এ এটি পাবেন।',
    '{actions}: a reason is required. The applicant gets it by SMS.',
  ],
  'act.note_hint_optional': ['আবেদনের ইতিহাসে লেখা থাকবে।', 'It is kept in the case history.'],
  'act.note_required': ['"{action}" করতে কারণ/মন্তব্য লিখুন', 'Write a reason to "{action}"'],
  'act.done': ['সম্পন্ন: {action}। আবেদনের অবস্থা এখন "{status}"।', 'Done: {action}. The application is now "{status}".'],
  'act.stale': [
    'এই আবেদন এর মধ্যে অন্য কেউ বদলেছেন। নতুন তথ্য দেখে আবার সিদ্ধান্ত নিন।',
    'Someone changed this application meanwhile. Reload it and decide again.',
  ],
  'act.reload': ['আবার লোড করুন', 'Reload'],
  'act.consent_rows': ['বাকি ওয়ারিশের সারি: {rows}', 'Heir rows still waiting: {rows}'],
  'act.confirm': [
    '"{action}" — আপনি কি নিশ্চিত? এটি ফেরানো যাবে না।',
    '"{action}" — are you sure? This cannot be undone.',
  ],
  'act.confirm_yes': ['হ্যাঁ, {action}', 'Yes, {action}'],
  'act.confirm_no': ['না, ফিরে যান', 'No, go back'],
  'act.none': ['এই অবস্থায় আপনার করণীয় কিছু নেই।', 'There is nothing for you to do at this stage.'],

  // office admin
  'admin.settings_title': ['কার্যালয়ের সেটিংস', 'Office settings'],
  'admin.office_id': ['কার্যালয়ের আইডি', 'Office id'],
  'admin.office_id_hint': ['যেমন union-1', 'For example union-1'],
  'admin.open': ['খুলুন', 'Open'],
  'admin.general': ['সাধারণ', 'General'],
  'admin.wards': ['ওয়ার্ডের সংখ্যা', 'Number of wards'],
  'admin.wards_hint': ['১ থেকে ৯৯', '1 to 99'],
  'admin.wards_invalid': ['ওয়ার্ডের সংখ্যা ১ থেকে ৯৯ হতে হবে', 'The number of wards must be 1 to 99'],
  'admin.refund': ['প্রত্যাখ্যাত আবেদনের ফি ফেরত', 'Refund when an application is rejected'],
  'admin.refund_hint': ['না বদলালে আগের নিয়ম থাকবে।', 'Leave it to keep the current rule.'],
  'admin.refund_unchanged': ['অপরিবর্তিত', 'Unchanged'],
  'admin.refund_office_fee': ['কার্যালয়ের ফি ফেরত', 'Refund the office fee'],
  'admin.refund_full': ['সম্পূর্ণ ফি ফেরত', 'Refund everything'],
  'admin.refund_none': ['ফেরত নয়', 'No refund'],
  'admin.contact': ['যোগাযোগ', 'Contact'],
  'admin.per_type': ['সনদভিত্তিক ফি, সময়সীমা ও স্বাক্ষরকারী', 'Fee, time limit and signatory per certificate'],
  'admin.per_type_hint': [
    'খালি রাখলে জাতীয় নির্ধারিত মান প্রযোজ্য হবে। ফি টাকায় লিখুন।',
    'Leave empty to use the national default. Fees are in taka.',
  ],
  'admin.defaults': ['জাতীয় মান: ফি {fee}, {days} দিন', 'National default: fee {fee}, {days} days'],
  'admin.fee_taka': ['ফি (৳)', 'Fee (৳)'],
  'admin.sla_days': ['সময়সীমা (দিন)', 'Time limit (days)'],
  'admin.signatory': ['স্বাক্ষরকারী', 'Signatory'],
  'admin.signatory_default': ['জাতীয় মান', 'National default'],
  'admin.signatory_head': ['চেয়ারম্যান/মেয়র', 'Chairman / mayor'],
  'admin.signatory_ward': ['ওয়ার্ড সদস্য/কাউন্সিলর', 'Ward member / councillor'],
  'admin.fee_invalid': [
    '{name}: ফি ০ থেকে ১০,০০০ টাকা (দুই দশমিক পর্যন্ত)',
    '{name}: fee from 0 to 10,000 taka (up to 2 decimals)',
  ],
  'admin.sla_invalid': ['{name}: সময়সীমা ১ থেকে ৯০ দিন', '{name}: time limit from 1 to 90 days'],
  'admin.save': ['সংরক্ষণ করুন', 'Save'],
  'admin.saved': [
    'সংরক্ষিত হয়েছে। নাগরিকরা নতুন চার্টার কয়েক মিনিটের মধ্যে দেখবেন।',
    'Saved. Citizens see the new charter within a few minutes.',
  ],
  'handover.title': ['দায়িত্ব হস্তান্তর', 'Hand over a role'],
  'handover.role': ['পদ', 'Role'],
  'handover.role_signatory': ['স্বাক্ষরকারী ({head})', 'Signatory ({head})'],
  'handover.ward': ['ওয়ার্ড', 'Ward'],
  'handover.ward_required': ['ওয়ার্ড বেছে নিন', 'Choose the ward'],
  'handover.name_bn': ['নতুন দায়িত্বপ্রাপ্তের নাম (বাংলায়)', "New holder's name (in Bengali)"],
  'handover.name_en': ['নতুন দায়িত্বপ্রাপ্তের নাম (ইংরেজিতে)', "New holder's name (in English)"],
  'account.name_invalid': ['নাম ২ থেকে ১০০ অক্ষরের হতে হবে', 'The name must be 2 to 100 characters'],
  'handover.designation': ['পদবি (বাংলায়)', 'Designation (in Bengali)'],
  'handover.username': ['নতুন ব্যবহারকারী নাম', 'New username'],
  'account.username_hint': [
    'ইংরেজি ছোট হাতের অক্ষর, সংখ্যা, "." বা "-"; ৩–৬৪ অক্ষর',
    'Lowercase letters, digits, "." or "-"; 3–64 characters',
  ],
  'account.username_invalid': [
    'ব্যবহারকারী নাম সঠিক নয় (ছোট হাতের অক্ষর, সংখ্যা, "." বা "-")',
    'The username is not valid (lowercase letters, digits, "." or "-")',
  ],
  'account.username_taken': [
    'এই ব্যবহারকারী নাম আগেই নেওয়া হয়েছে; অন্য নাম দিন',
    'This username is taken; choose another',
  ],
  'handover.password': ['প্রাথমিক পাসওয়ার্ড', 'Initial password'],
  'account.password_hint': ['অন্তত ১২ অক্ষর', 'At least 12 characters'],
  'account.password_invalid': ['পাসওয়ার্ড অন্তত ১২ অক্ষরের হতে হবে', 'The password must be at least 12 characters'],
  'handover.warning': [
    'নতুন অ্যাকাউন্ট ও স্বাক্ষর-চাবি তৈরি হবে এবং আগের দায়িত্বপ্রাপ্তের অ্যাকাউন্ট বন্ধ হবে। আগে দেওয়া সনদ বৈধ থাকবে।',
    'A new account and signing key are created and the previous holder is retired. Certificates already issued stay valid.',
  ],
  'handover.submit': ['দায়িত্ব হস্তান্তর করুন', 'Hand over'],
  'handover.done': ['দায়িত্ব হস্তান্তর সম্পন্ন: {username}', 'Handed over to {username}'],
  'handover.key': ['স্বাক্ষর-চাবি', 'Signing key'],
  'handover.valid_from': ['কার্যকর', 'Valid from'],
  'handover.retired': ['অবসরপ্রাপ্ত অ্যাকাউন্ট', 'Retired accounts'],
  'handover.retired_none': ['নেই', 'None'],

  // office admin: staff accounts
  'staff.title': ['কর্মী ও অ্যাকাউন্ট', 'Staff and accounts'],
  'staff.list': ['কর্মী তালিকা', 'Staff list'],
  'staff.counts': ['সক্রিয় {active} জন, নিষ্ক্রিয় {retired} জন', '{active} active, {retired} deactivated'],
  'staff.empty': ['এই কার্যালয়ে এখনো কোনো কর্মী নেই।', 'This office has no staff yet.'],
  'staff.signs': ['স্বাক্ষর করেন', 'Signs'],
  'staff.inactive': ['নিষ্ক্রিয়', 'Deactivated'],
  'staff.you': ['আপনি', 'You'],
  'staff.retired_on': ['নিষ্ক্রিয় হয়েছে {date}', 'Deactivated on {date}'],
  'staff.reason_was': ['কারণ: {reason}', 'Reason: {reason}'],
  'staff.by_handover': [
    'স্বাক্ষরকারী ও ওয়ার্ড সদস্য বদলায় দায়িত্ব হস্তান্তরের মাধ্যমে।',
    'Signatories and ward members change by handover.',
  ],
  'staff.to_handover': ['দায়িত্ব হস্তান্তর ফর্ম', 'Handover form'],
  'staff.own_note': ['নিজের অ্যাকাউন্ট নিষ্ক্রিয় করা যায় না।', 'You cannot deactivate your own account.'],
  'staff.lgd_note': [
    'অফিস প্রশাসক নিয়োগ ও অপসারণ করে স্থানীয় সরকার বিভাগ।',
    'The Local Government Division appoints and removes office admins.',
  ],
  'staff.add': ['নতুন কর্মী যোগ করুন', 'Add a staff member'],
  'staff.role': ['পদ', 'Role'],
  'staff.name_bn': ['নাম (বাংলায়)', 'Name (in Bengali)'],
  'staff.name_en': ['নাম (ইংরেজিতে)', 'Name (in English)'],
  'staff.designation': ['পদবি (বাংলায়)', 'Designation (in Bengali)'],
  'staff.username': ['ব্যবহারকারী নাম', 'Username'],
  'staff.password': ['প্রাথমিক পাসওয়ার্ড', 'Initial password'],
  'staff.password_hint': [
    'অন্তত ১২ অক্ষর। পাসওয়ার্ডটি তাঁকে সরাসরি জানান — এসএমএস বা ফোনের বার্তায় নয়।',
    'At least 12 characters. Tell them the password in person — never by SMS or a phone message.',
  ],
  'staff.add_submit': ['অ্যাকাউন্ট তৈরি করুন', 'Create the account'],
  'staff.added': ['{name}-এর অ্যাকাউন্ট তৈরি হয়েছে ({username})।', 'Account created for {name} ({username}).'],
  'staff.deactivate': ['নিষ্ক্রিয় করুন', 'Deactivate'],
  'staff.deactivate_warn': [
    '{name} আর সাইন ইন করতে পারবেন না। তাঁর করা কাজের রেকর্ড থেকে যাবে। এটি ফেরানো যায় না।',
    '{name} will no longer be able to sign in. The record of their work stays. This cannot be undone.',
  ],
  'staff.reason': ['কারণ', 'Reason'],
  'staff.reason_hint': ['যেমন অন্য ইউনিয়নে বদলি; ২ থেকে ২০০ অক্ষর', 'For example transferred; 2 to 200 characters'],
  'staff.reason_invalid': ['কারণ লিখুন (২ থেকে ২০০ অক্ষর)', 'Give the reason (2 to 200 characters)'],
  'staff.deactivate_yes': ['হ্যাঁ, নিষ্ক্রিয় করুন', 'Yes, deactivate'],
  'staff.cancel': ['বাতিল', 'Cancel'],
  'staff.deactivated': ['{name}-এর অ্যাকাউন্ট নিষ্ক্রিয় করা হয়েছে।', "{name}'s account is deactivated."],
  'staff.new_password': ['নতুন পাসওয়ার্ড দিন', 'Set a new password'],
  'staff.new_password_label': ['নতুন পাসওয়ার্ড', 'New password'],
  'staff.password_save': ['পাসওয়ার্ড সেট করুন', 'Set the password'],
  'staff.password_set': ['{name}-এর নতুন পাসওয়ার্ড সেট হয়েছে।', "{name}'s new password is set."],
  'staff.password_pending': ['পাসওয়ার্ড এখনো বদলাননি', 'Has not chosen a password yet'],
  'staff.error_signing_seat': [
    'স্বাক্ষরকারী বা ওয়ার্ড সদস্যকে নিষ্ক্রিয় করা যায় না; দায়িত্ব হস্তান্তর করুন।',
    'A signatory or ward member cannot be deactivated; hand the role over instead.',
  ],
  'staff.error_inactive': [
    'এই অ্যাকাউন্ট আগেই নিষ্ক্রিয় করা হয়েছে। তালিকাটি আবার লোড করুন।',
    'This account is already deactivated. Reload the list.',
  ],

  // an official's own password
  'password.title': ['পাসওয়ার্ড বদলান', 'Change your password'],
  'password.lead': ['নিজের একটি পাসওয়ার্ড বেছে নিন, যা শুধু আপনি জানেন।', 'Choose a password of your own that only you know.'],
  'password.forced': [
    'আপনার বর্তমান পাসওয়ার্ডটি অন্য কেউ ঠিক করে দিয়েছেন। কাজ শুরুর আগে নিজের একটি পাসওয়ার্ড বেছে নিন।',
    'Someone else chose your current password. Choose your own before you start work.',
  ],
  'password.current': ['বর্তমান পাসওয়ার্ড', 'Current password'],
  'password.new': ['নতুন পাসওয়ার্ড', 'New password'],
  'password.new_hint': [
    'অন্তত ১২ অক্ষর, বর্তমানটি থেকে আলাদা; কয়েকটি শব্দের একটি বাক্য মনে রাখা সহজ।',
    'At least 12 characters, not the current one; a phrase of a few words is easy to remember.',
  ],
  'password.again': ['নতুন পাসওয়ার্ড আবার লিখুন', 'New password again'],
  'password.save': ['নতুন পাসওয়ার্ড রাখুন', 'Save the new password'],
  'password.current_required': ['বর্তমান পাসওয়ার্ড লিখুন', 'Enter your current password'],
  'password.same': ['নতুন পাসওয়ার্ড বর্তমানটি থেকে আলাদা হতে হবে', 'The new password must differ from the current one'],
  'password.again_required': ['নতুন পাসওয়ার্ডটি আবার লিখুন', 'Type the new password again'],
  'password.mismatch': ['দুটি নতুন পাসওয়ার্ড মেলেনি; আবার লিখুন', 'The two new passwords do not match; type them again'],
  'password.wrong_current': ['বর্তমান পাসওয়ার্ড সঠিক নয়', 'The current password is not correct'],
  'password.changed': ['আপনার পাসওয়ার্ড বদলানো হয়েছে।', 'Your password is changed.'],

  // monitoring
  'stats.bangladesh': ['বাংলাদেশ', 'Bangladesh'],
  'stats.period': ['সময়কাল', 'Period'],
  'stats.all_time': ['শুরু থেকে এ পর্যন্ত', 'All time'],
  'stats.show': ['দেখান', 'Show'],
  'stats.breadcrumb': ['এলাকার ধাপ', 'Area path'],
  'stats.caption': ['{area}: {period}', '{area}: {period}'],
  'stats.area': ['এলাকা', 'Area'],
  'stats.level_national': ['জাতীয়', 'National'],
  'stats.level_division': ['বিভাগ', 'Division'],
  'stats.level_district': ['জেলা', 'District'],
  'stats.level_upazila': ['উপজেলা', 'Upazila'],
  'stats.level_office': ['কার্যালয়', 'Office'],
  'stats.received': ['আবেদন', 'Received'],
  'stats.issued': ['সনদ প্রদান', 'Issued'],
  'stats.rejected': ['প্রত্যাখ্যাত', 'Rejected'],
  'stats.overdue': ['সময় পেরিয়েছে', 'Overdue'],
  'stats.median': ['সনদ পেতে দিন (মধ্যমা)', 'Median days to issue'],
  'stats.total': ['মোট', 'Total'],
  'stats.no_children': ['এই এলাকার নিচে এখনো কোনো আবেদন নেই।', 'No applications below this area yet.'],
  'stats.leaf': ['এটি একটি কার্যালয়; এর নিচে আর কোনো এলাকা নেই।', 'This is an office; there is no area below it.'],
  'stats.note': [
    'শুধু সংখ্যা দেখানো হয়; কোনো ব্যক্তিগত তথ্য এখানে নেই। "সময় পেরিয়েছে" মানে নির্ধারিত সময়ে নিষ্পত্তি না হয়ে ঊর্ধ্বতনকে জানানো আবেদন।',
    'Counts only; no personal data is shown. "Overdue" counts applications escalated after missing their time limit.',
  ],

  // issue 12: officials (certificate preview before signing, next case, batch approval)
  'preview.title': ['সনদের নমুনা', 'Certificate preview'],
  'preview.explain': [
    'অনুমোদন করলে ঠিক এই সনদটি আপনার স্বাক্ষরে প্রদান করা হবে। নমুনাটি বৈধ নয়, এতে স্বাক্ষর বা QR নেই।',
    'Approving issues exactly this certificate with your signature. The preview is not valid: it has no signature and no QR.',
  ],
  'preview.open': ['সনদের নমুনা খুলুন (PDF)', 'Open the certificate preview (PDF)'],
  'preview.read': ['আমি সনদটি পড়েছি', 'I have read the certificate'],
  'preview.sign': ['অনুমোদন ও স্বাক্ষর করুন', 'Approve and sign'],
  'preview.tick_first': [
    'অনুমোদনের আগে সনদটি পড়ে "আমি সনদটি পড়েছি" বাক্সে টিক দিন',
    'Read the certificate and tick "I have read the certificate" before approving',
  ],
  'next.case': ['পরের আবেদন', 'Next application'],
  'next.none': ['এই তালিকায় আর কোনো আবেদন নেই।', 'There are no more applications in this list.'],
  'batch.hint': [
    'সচিব যাচাই করেছেন এমন কয়েকটি আবেদন বেছে একসাথে অনুমোদন করতে পারেন; প্রতিটি আলাদাভাবে স্বাক্ষরিত হবে।',
    'You can choose several applications the secretary has verified and approve them together; each is signed on its own.',
  ],
  'batch.pick': ['{tracking} নির্বাচন করুন', 'Choose {tracking}'],
  'batch.approve': ['নির্বাচিত {n}টি অনুমোদন করুন', 'Approve the {n} chosen'],
  'batch.none': ['আগে অন্তত একটি আবেদন বেছে নিন', 'Choose at least one application first'],
  'batch.confirm': [
    'আপনি {n}টি আবেদন অনুমোদন করছেন; প্রতিটির সনদ আপনার স্বাক্ষরে প্রদান করা হবে। নিশ্চিত?',
    'You are approving {n} applications; each certificate will be issued with your signature. Are you sure?',
  ],
  'batch.confirm_yes': ['হ্যাঁ, {n}টি অনুমোদন ও স্বাক্ষর করুন', 'Yes, approve and sign {n}'],
  'batch.done': ['{n}টির মধ্যে {ok}টি অনুমোদিত', '{ok} of {n} approved'],
  'batch.ok': ['অনুমোদিত', 'approved'],
  'batch.failed': ['হয়নি', 'not approved'],
  'batch.refresh': ['তালিকা আবার দেখুন', 'Refresh the list'],

  // issue 12: UDC counter (filing on a citizen's behalf, web/app/udc.mjs)
  'udc.nav_new': ['নাগরিকের পক্ষে আবেদন', 'File for a citizen'],
  'udc.nav_filings': ['আমার দাখিল করা আবেদন', 'Cases I filed'],
  'udc.title': ['নাগরিকের পক্ষে আবেদন', 'File for a citizen'],
  'udc.lead': [
    'নাগরিকের মোবাইলে একটি সম্মতির কোড যাবে। নাগরিক কোডটি আপনাকে বলবেন; তারপর আবেদনটি তাঁর নামে দাখিল হবে।',
    'A consent code goes to the citizen\'s mobile. The citizen reads it out to you; then the application is filed in their name.',
  ],
  'udc.step': ['ধাপ {n} / {of}', 'Step {n} of {of}'],
  'udc.phone': ['নাগরিকের মোবাইল নম্বর', 'The citizen\'s mobile number'],
  'udc.phone_hint': [
    'নাগরিকের নিজের নম্বর, যেমন ০১৭১১০০০০০১। সনদের সব খবর এই নম্বরে যাবে।',
    'The citizen\'s own number, e.g. 01711000001. Every notice about the certificate goes to it.',
  ],
  'udc.send': ['সম্মতির কোড পাঠান', 'Send the consent code'],
  'udc.send_again_in': ['আবার কোড পাঠানো যাবে {wait} পরে।', 'You can send a code again in {wait}.'],
  'udc.wait_min': ['{m} মিনিট {s} সেকেন্ড', '{m} min {s} s'],
  'udc.wait_s': ['{s} সেকেন্ড', '{s} s'],
  'udc.sent': ['{phone} নম্বরে কোড পাঠানো হয়েছে।', 'A code was sent to {phone}.'],
  'udc.for': ['নাগরিকের মোবাইল: {phone}', 'Citizen\'s mobile: {phone}'],
  'udc.code': ['নাগরিকের বলা কোড', 'The code the citizen reads out'],
  'udc.code_hint': ['৬ অঙ্কের কোড, নাগরিকের মোবাইলের SMS-এ।', 'The 6-digit code in the SMS on the citizen\'s mobile.'],
  'udc.type': ['সনদ', 'Certificate'],
  'udc.type_missing': ['কোন সনদের আবেদন, তা বেছে নিন।', 'Choose the certificate to apply for.'],
  'udc.continue': ['আবেদন ফরমে যান', 'Go to the application form'],
  'udc.resend': ['নতুন কোড পাঠান', 'Send a new code'],
  'udc.change': ['অন্য মোবাইল নম্বর দিন', 'Use another mobile number'],
  'udc.code_use': ['এই কোড ব্যবহার করুন', 'Use this code'],
  'udc.code_taken': [
    'কোডটি নেওয়া হয়েছে। এখন আবার "আবেদন জমা দিন" চাপুন।',
    'Code noted. Now press "Submit the application" again.',
  ],
  'udc.filed': ['আবেদন দাখিল হয়েছে', 'Application filed'],
  'udc.fee_title': ['ফি গ্রহণ', 'Take the fee'],
  'udc.cash_hint': [
    'নাগরিকের কাছ থেকে {amount} নগদ নিন, তারপর নিচের বোতাম চাপুন। কার্যালয় এই টাকা মিলিয়ে দেখবে।',
    'Take {amount} in cash from the citizen, then press the button below. The office reconciles this money.',
  ],
  'udc.cash_taken': ['{amount} নগদ পেয়েছি', 'I received {amount} in cash'],
  'udc.cash_note': ['ইউডিসি কাউন্টারে নগদ গ্রহণ', 'Cash taken at the UDC counter'],
  'udc.online_hint': [
    'নাগরিক চাইলে নিজের মোবাইলে এই নম্বর দিয়ে সাইন ইন করে অনলাইনেও ফি দিতে পারেন।',
    'Or the citizen can pay online: they sign in on their own phone with this number.',
  ],
  'udc.cash': ['ইউডিসি কাউন্টারে নগদ', 'Cash at the UDC counter'],
  'udc.receipt_title': ['ফি প্রাপ্তির রসিদ', 'Fee receipt'],
  'udc.taken_by': ['গ্রহণকারী', 'Received by'],
  'udc.receipt_note': [
    'ট্র্যাকিং নম্বর দিয়ে আবেদনের অবস্থা জানা যাবে; প্রতিটি ধাপের খবর নাগরিকের মোবাইলে SMS-এ যাবে।',
    'The tracking number follows the application; each step is sent to the citizen\'s mobile by SMS.',
  ],
  'udc.print': ['রসিদ প্রিন্ট করুন', 'Print the receipt'],
  'udc.next': ['পরের নাগরিকের আবেদন', 'Next citizen'],
  'udc.detail': ['আবেদনের সব তথ্য', 'The whole application'],
  'udc.filings_title': ['আমার দাখিল করা আবেদন', 'Cases I filed'],
  'udc.filings_lead': [
    'কাউন্টারে আপনি যেসব আবেদন দাখিল করেছেন, নতুনগুলো আগে।',
    'The applications you filed at the counter, newest first.',
  ],
  'udc.filings_empty': ['আপনি এখনো কোনো আবেদন দাখিল করেননি।', 'You have not filed any application yet.'],
  // issue 12: offices (search by office, upazila or district name; most requested types first)
  'offices.search_hint_places': [
    'কার্যালয়, উপজেলা বা জেলার নামের শুরুটা বাংলায় বা ইংরেজিতে লিখুন, যেমন সুবিল বা Debidwar',
    'Type the start of the name of the office, its upazila or its district, in Bengali or English, e.g. সুবিল or Debidwar',
  ],
  'offices.place': ['{upazila} উপজেলা, {district} জেলা', '{upazila} upazila, {district} district'],
  'offices.place_district': ['{district} জেলা', '{district} district'],
  'offices.found_first': ['প্রথম {n}টি কার্যালয় দেখানো হলো; আরও আছে', 'The first {n} offices are shown; there are more'],
  'offices.more_results': ['আরও কার্যালয় দেখুন', 'Show more offices'],
  'office.popular': ['সবচেয়ে বেশি চাওয়া সনদ', 'Most requested certificates'],
  'office.other_types': ['অন্যান্য সনদ ({n}টি)', 'Other certificates ({n})'],

  // issue 12: the revocation's published category (the verifier shows it; web/verify has the same words)
  'revoke.category': ['বাতিলের কারণের ধরন', 'Kind of reason for revoking'],
  'revoke.category_hint': [
    'যাচাইয়ের পাতায় শুধু এই ধরনটি দেখানো হবে; মন্তব্যের লেখা কার্যালয়েই থাকবে।',
    'The verify page shows only this kind; the text of the note stays with the office.',
  ],
  'revoke.reason.issued_in_error': ['ভুলবশত ইস্যু করা হয়েছিল', 'Issued in error'],
  'revoke.reason.false_information': ['আবেদনের তথ্য সঠিক ছিল না', 'The application was not truthful'],
  'revoke.reason.forged_papers': ['জাল কাগজপত্র', 'Forged papers'],
  'revoke.reason.court_order': ['আদালতের আদেশ', 'Court order'],
  'revoke.reason.replaced': ['নতুন সনদ দিয়ে প্রতিস্থাপিত', 'Replaced by a new certificate'],
  'revoke.reason.other': ['অন্য কারণ', 'Another reason'],
  // issue 12: heirs (warish identity checks side by side; the consent link)
  'heirs.checks_caption': [
    'মৃত ব্যক্তি ও ওয়ারিশদের পরিচয় যাচাই (নিবন্ধনের সাথে)',
    'Identity of the deceased and the heirs, checked against the registries',
  ],
  'heirs.person': ['ব্যক্তি', 'Person'],
  'heirs.result': ['ফলাফল', 'Result'],
  'heirs.person_deceased': ['মৃত ব্যক্তি', 'the deceased'],
  'heirs.person_heir': ['ওয়ারিশ {n}', 'heir {n}'],
  'heirs.not_checked': ['যাচাই করা হয়নি', 'Not checked'],
  'heirs.reason_minor': ['অপ্রাপ্তবয়স্ক', 'a minor'],
  'heirs.reason_no_nid': ['জাতীয় পরিচয়পত্র নম্বর দেওয়া হয়নি', 'no NID number given'],
  'heirs.reason_no_dob': ['জন্ম তারিখ দেওয়া হয়নি', 'no date of birth given'],
  'heirs.reason_no_number': [
    'জাতীয় পরিচয়পত্র বা জন্ম নিবন্ধন নম্বর দেওয়া হয়নি',
    'no NID or birth registration number given',
  ],
  'heirs.about': ['আবেদনটি সম্পর্কে', 'About the application'],
  'heirs.type': ['সনদের ধরন', 'Certificate'],
  'heirs.deceased': ['মৃত ব্যক্তি', 'The deceased'],
  'heirs.listed': ['আবেদনে যাঁদের ওয়ারিশ হিসেবে লেখা হয়েছে ({n} জন)', 'Listed as heirs ({n})'],
  'heirs.check_list': [
    'তালিকাটি মিলিয়ে দেখুন। কারও নাম বাদ পড়লে বা ভুল থাকলে সম্মতি দেবেন না — কার্যালয়ে জানান।',
    'Check the list. If someone is missing or wrongly listed, do not consent — tell the office.',
  ],
  'heirs.link_lead': [
    'আপনাকে একটি ওয়ারিশ সনদের আবেদনে ওয়ারিশ হিসেবে লেখা হয়েছে। নিচের তথ্য দেখে সম্মতি দিন। কোডটি কাউকে জানাবেন না।',
    'You are listed as an heir in an heirship application. Read the details below before you consent. Do not share the code.',
  ],
  'heirs.give': ['সম্মতি দিন', 'Give your consent'],
  'heirs.link_gone': [
    'লিংকটি সঠিক নয় বা এর মেয়াদ শেষ হয়েছে।',
    'This link is not valid or has expired.',
  ],
  'heirs.link_form': [
    'ট্র্যাকিং নম্বর ও কোড দিয়ে সম্মতি দিন',
    'Consent with the tracking number and the code instead',
  ],
  // issue 12: payment return, payment methods, grouped access log
  'payret.retry': ['আবার ফি পরিশোধের চেষ্টা করুন', 'Try paying again'],
  'payret.failed.title': ['ফি পরিশোধ হয়নি', 'The payment did not go through'],
  'payret.failed.text': [
    'পেমেন্টটি সম্পন্ন হয়নি। আপনার আবেদন সংরক্ষিত আছে — আবার চেষ্টা করতে পারেন, বা অন্য মাধ্যম বেছে নিতে পারেন।',
    'The payment did not go through. Your application is saved — you can try again, or choose another way to pay.',
  ],
  'payret.cancelled.title': ['পেমেন্ট বাতিল করেছেন', 'You cancelled the payment'],
  'payret.cancelled.text': [
    'কোনো ফি নেওয়া হয়নি। আপনার আবেদন সংরক্ষিত আছে; প্রস্তুত হলে আবার চেষ্টা করুন।',
    'No fee was taken. Your application is saved; try again when you are ready.',
  ],
  'payret.unconfirmed.title': ['পেমেন্ট নিশ্চিত হয়নি', 'The payment is not confirmed'],
  'payret.unconfirmed.text': [
    'পেমেন্ট গেটওয়ে এই পরিশোধ নিশ্চিত করেনি। টাকা কেটে থাকলে কয়েক মিনিটের মধ্যে এখানে দেখা যাবে; না হলে আবার চেষ্টা করুন।',
    'The gateway did not confirm this payment. If money was taken it will show here within a few minutes; if not, try again.',
  ],
  'payret.paid.title': ['ফি পরিশোধ হয়েছে', 'Fee paid'],
  'payret.paid.text': [
    'ধন্যবাদ। আপনার আবেদন কার্যালয়ে জমা হয়েছে; নিচে দেখুন এরপর কী হবে। রশিদও নিচে আছে।',
    'Thank you. Your application is with the office; what happens next is below, and so is the receipt.',
  ],
  'payret.neutral': [
    'আপনি পেমেন্ট পাতা থেকে ফিরে এসেছেন। পরিশোধ নিশ্চিত হলে নিচে সংশ্লিষ্ট আবেদনের অবস্থা বদলে যাবে।',
    'You are back from the payment page. Once a payment is confirmed, its application below shows it.',
  ],
  'payret.paid_with': ['মাধ্যম: {method}', 'Paid with {method}'],
  'paymethod.bkash': ['বিকাশ', 'bKash'],
  'paymethod.nagad': ['নগদ', 'Nagad'],
  'paymethod.rocket': ['রকেট', 'Rocket'],
  'paymethod.upay': ['উপায়', 'Upay'],
  'paymethod.card': ['কার্ড', 'Card'],
  'paymethod.bank': ['ইন্টারনেট ব্যাংকিং', 'Internet banking'],
  'paymethod.cash': ['কার্যালয়ে নগদ টাকা', 'Cash at the office'],
  'paymethod.online': ['অনলাইন', 'Online'],
  'access.lead_grouped': [
    'কর্মকর্তা বা অন্য সরকারি সংস্থা আপনার আবেদন বা সনদ দেখলে তা এখানে লেখা থাকে: কে, কোন আবেদন, কেন, কতবার ও সর্বশেষ কখন।',
    'When an official or another government agency looks at your application or certificate it is listed here: who, which application, why, how many times and when last.',
  ],
  'access.application': ['আবেদন', 'Application'],
  'access.times': ['কতবার', 'Times'],
  'access.count': ['{n} বার', '{n} time(s)'],
  'access.latest': ['সর্বশেষ', 'Last'],
  'access.first': ['প্রথম', 'First'],
  // issue 12: form (three-field dates, "one of these" groups, whole-date errors)
  'date.day': ['দিন', 'Day'],
  'date.month': ['মাস', 'Month'],
  'date.year': ['বছর', 'Year'],
  'date.day_word': ['দিন', 'a day'],
  'date.month_word': ['মাস', 'a month'],
  'date.year_word': ['বছর', 'a year'],
  'date.and': [' ও ', ' and '],
  'v.or': [' বা ', ' or '],
  'v.date_missing': ['{parts} দেওয়া হয়নি', 'must include {parts}'],
  'v.date_year': ['বছর ৪ অঙ্কে লিখুন, যেমন ১৯৯০', 'must have a 4-digit year, for example 1990'],
  'v.date_days': ['সঠিক তারিখ নয় — {month} মাসে {n} দিন', 'must be a real date: {month} has {n} days'],
  'v.date_old': ['{year} সালের আগের হতে পারে না', 'cannot be before {year}'],
  // issue 12: required papers
  'action.waive_paper': ['কাগজ মওকুফ', 'Paper waived'],
  'papers.missing_error': ['এই প্রয়োজনীয় কাগজটি দিন: {name}', 'Add this required paper: {name}'],
  'papers.state_attached': ['সংযুক্ত', 'Attached'],
  'papers.state_missing': ['নেই', 'Missing'],
  'papers.state_waived': ['মওকুফ', 'Waived'],
  'papers.optional_missing': ['দেওয়া হয়নি (ঐচ্ছিক)', 'Not given (optional)'],
  'papers.view': ['দেখুন', 'View'],
  'papers.waiver_note': ['{role} মওকুফ করেছেন: {note}', 'Waived by the {role}: {note}'],
  'papers.waive': ['মওকুফ করুন', 'Waive'],
  'papers.waive_note': ['কেন মওকুফ করছেন', 'Why you waive it'],
  'papers.waive_hint': [
    'যেমন: মূল কাগজ কাউন্টারে দেখা হয়েছে। টাইমলাইনে আপনার নামে লেখা থাকবে।',
    'For example: the original was seen at the counter. It is recorded on the timeline.',
  ],
  'papers.waive_note_required': ['মওকুফের কারণ লিখুন', 'Write why you waive this paper'],
  'papers.waived_done': ['"{name}" মওকুফ করা হয়েছে।', '"{name}" is waived.'],
  'pay.papers_missing': [
    'ফি পরিশোধের আগে এই প্রয়োজনীয় কাগজগুলো লাগবে:',
    'These required papers are needed before you can pay:',
  ],
  'pay.papers_how': [
    'মূল কাগজ নিয়ে কার্যালয়ে যান; সচিব দেখে লিপিবদ্ধ করলে আপনি ফি দিতে পারবেন।',
    'Take the originals to the office; once the secretary records them, you can pay.',
  ],
};

const BN_DIGITS = '০১২৩৪৫৬৭৮৯';
const MONTHS = {
  bn: ['জানুয়ারি', 'ফেব্রুয়ারি', 'মার্চ', 'এপ্রিল', 'মে', 'জুন', 'জুলাই', 'আগস্ট', 'সেপ্টেম্বর', 'অক্টোবর', 'নভেম্বর', 'ডিসেম্বর'],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

function initial() {
  try {
    return globalThis.localStorage?.getItem('sonod.lang') === 'en' ? 'en' : 'bn';
  } catch {
    return 'bn';
  }
}

let current = initial();

export function lang() {
  return current;
}

export function setLang(next) {
  current = next === 'en' ? 'en' : 'bn';
  try {
    localStorage.setItem('sonod.lang', current);
  } catch {
    // storage disabled: the choice lasts for this page
  }
  window.dispatchEvent(new Event('lang-changed'));
}

export function has(key) {
  return Object.prototype.hasOwnProperty.call(STRINGS, key);
}

export function keys() {
  return Object.keys(STRINGS);
}

/** The string for `key` in the current language, with {placeholders} filled (numbers localised). */
export function t(key, vars, l = current) {
  const row = STRINGS[key];
  let text = row ? row[l === 'en' ? 1 : 0] : key;
  if (vars)
    text = text.replace(/\{(\w+)\}/g, (m, k) =>
      k in vars ? (typeof vars[k] === 'number' ? num(vars[k], l) : String(vars[k])) : m,
    );
  return text;
}

export function digits(text, l = current) {
  return l === 'bn' ? String(text).replace(/[0-9]/g, (d) => BN_DIGITS[Number(d)]) : String(text);
}

/** 1234567 → ১২,৩৪,৫৬৭ (Bengali) or 12,34,567 (English); lakh grouping as used in Bangladesh. */
export function num(n, l = current, opts = {}) {
  const text = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2, ...opts }).format(n);
  return digits(text, l);
}

/** Integer poisha → ৳ with Bengali digits: 8000 → ৳৮০, 8050 → ৳৮০.৫০. */
export function money(poisha, l = current) {
  const p = Number(poisha) || 0;
  return `৳${num(p / 100, l, p % 100 ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : {})}`;
}

export function monthName(month, l = current) {
  return MONTHS[l === 'en' ? 'en' : 'bn'][month - 1];
}

/** 'YYYY-MM-DD' or an ISO timestamp → '৩০ জুন ২০২৬' (timestamps in Bangladesh time). */
export function date(iso, l = current) {
  if (!iso) return '—';
  let y;
  let m;
  let d;
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) [y, m, d] = iso.split('-').map(Number);
  else {
    const at = new Date(Date.parse(iso) + 6 * 3600 * 1000);
    if (Number.isNaN(at.getTime())) return String(iso);
    [y, m, d] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()];
  }
  return digits(`${d} ${monthName(m, l)} ${y}`, l);
}

/** An ISO timestamp → '২৮ নভেম্বর ২০২৬, ১৪:৪৩' (Bangladesh time, UTC+6). */
export function dateTime(iso, l = current) {
  if (!iso) return '—';
  const at = new Date(Date.parse(iso) + 6 * 3600 * 1000);
  if (Number.isNaN(at.getTime())) return String(iso);
  const hh = String(at.getUTCHours()).padStart(2, '0');
  const mm = String(at.getUTCMinutes()).padStart(2, '0');
  return `${date(iso, l)}, ${digits(`${hh}:${mm}`, l)}`;
}

/** obj.name_bn or obj.name_en for the current language, falling back to the other. */
export function pick(obj, base = 'name', l = current) {
  if (!obj) return '';
  const mine = obj[`${base}_${l}`];
  return mine || obj[`${base}_${l === 'en' ? 'bn' : 'en'}`] || '';
}
