import type { Locale } from "@/lib/i18n/core";
import type { LocationPath } from "@/lib/location-tree";

/**
 * Upstream place names → map features and display names.
 *
 * The API prints English/pinyin names ("China", "Guangdong", "Inner Mongolia", "Tibet", "Macau");
 * the map files use world-atlas short names ("United States of America", "Dem. Rep. Congo") and
 * Natural Earth admin-1 names ("Inner Mongol", "Xizang", "Macao"). Matching ignores case, accents,
 * punctuation, spacing and administrative suffixes ("Province", "省", "自治区", "SAR").
 */

type Coord = [lon: number, lat: number];

interface Country {
  /** Feature name in public/maps/world.json, or the canonical name of a point-only country. */
  key: string;
  zh: string;
  aliases?: string[];
  /** Countries too small for the 1:110m map are drawn as a point here instead of a shape. */
  point?: Coord;
}

// Every feature of public/maps/world.json, then the small countries the 1:110m data leaves out.
const COUNTRIES: Country[] = [
  { key: "Afghanistan", zh: "阿富汗" },
  { key: "Albania", zh: "阿尔巴尼亚" },
  { key: "Algeria", zh: "阿尔及利亚" },
  { key: "Angola", zh: "安哥拉" },
  { key: "Argentina", zh: "阿根廷" },
  { key: "Armenia", zh: "亚美尼亚" },
  { key: "Australia", zh: "澳大利亚" },
  { key: "Austria", zh: "奥地利" },
  { key: "Azerbaijan", zh: "阿塞拜疆" },
  { key: "Bahamas", zh: "巴哈马", aliases: ["The Bahamas"] },
  { key: "Bangladesh", zh: "孟加拉国" },
  { key: "Belarus", zh: "白俄罗斯" },
  { key: "Belgium", zh: "比利时" },
  { key: "Belize", zh: "伯利兹" },
  { key: "Benin", zh: "贝宁" },
  { key: "Bhutan", zh: "不丹" },
  { key: "Bolivia", zh: "玻利维亚", aliases: ["Plurinational State of Bolivia"] },
  { key: "Bosnia and Herz.", zh: "波黑", aliases: ["Bosnia and Herzegovina", "Bosnia"] },
  { key: "Botswana", zh: "博茨瓦纳" },
  { key: "Brazil", zh: "巴西" },
  { key: "Brunei", zh: "文莱", aliases: ["Brunei Darussalam"] },
  { key: "Bulgaria", zh: "保加利亚" },
  { key: "Burkina Faso", zh: "布基纳法索" },
  { key: "Burundi", zh: "布隆迪" },
  { key: "Cambodia", zh: "柬埔寨" },
  { key: "Cameroon", zh: "喀麦隆" },
  { key: "Canada", zh: "加拿大" },
  { key: "Central African Rep.", zh: "中非", aliases: ["Central African Republic"] },
  { key: "Chad", zh: "乍得" },
  { key: "Chile", zh: "智利" },
  {
    key: "China",
    zh: "中国",
    // The API lists Hong Kong, Macao and Taiwan among China's provincial divisions; if one ever
    // arrives as a country it is drawn on China's shape, which includes Taiwan (see LICENSES.md).
    aliases: [
      "PRC",
      "People's Republic of China",
      "Mainland China",
      "中华人民共和国",
      "Hong Kong",
      "Macao",
      "Macau",
      "Taiwan",
      "香港",
      "澳门",
      "台湾",
    ],
  },
  { key: "Colombia", zh: "哥伦比亚" },
  { key: "Congo", zh: "刚果（布）", aliases: ["Republic of the Congo", "Congo (Brazzaville)", "Congo-Brazzaville"] },
  { key: "Costa Rica", zh: "哥斯达黎加" },
  { key: "Côte d'Ivoire", zh: "科特迪瓦", aliases: ["Ivory Coast"] },
  { key: "Croatia", zh: "克罗地亚" },
  { key: "Cuba", zh: "古巴" },
  { key: "Cyprus", zh: "塞浦路斯" },
  { key: "Czechia", zh: "捷克", aliases: ["Czech Republic"] },
  {
    key: "Dem. Rep. Congo",
    zh: "刚果（金）",
    aliases: ["Democratic Republic of the Congo", "DR Congo", "DRC", "Congo (Kinshasa)", "Congo-Kinshasa"],
  },
  { key: "Denmark", zh: "丹麦" },
  { key: "Djibouti", zh: "吉布提" },
  { key: "Dominican Rep.", zh: "多米尼加", aliases: ["Dominican Republic"] },
  { key: "Ecuador", zh: "厄瓜多尔" },
  { key: "Egypt", zh: "埃及" },
  { key: "El Salvador", zh: "萨尔瓦多" },
  { key: "Eq. Guinea", zh: "赤道几内亚", aliases: ["Equatorial Guinea"] },
  { key: "Eritrea", zh: "厄立特里亚" },
  { key: "Estonia", zh: "爱沙尼亚" },
  { key: "eSwatini", zh: "斯威士兰", aliases: ["Swaziland"] },
  { key: "Ethiopia", zh: "埃塞俄比亚" },
  { key: "Falkland Is.", zh: "马尔维纳斯群岛（福克兰）", aliases: ["Falkland Islands", "Malvinas"] },
  { key: "Fiji", zh: "斐济" },
  { key: "Finland", zh: "芬兰" },
  { key: "Fr. S. Antarctic Lands", zh: "法属南部领地", aliases: ["French Southern and Antarctic Lands", "French Southern Territories"] },
  { key: "France", zh: "法国" },
  { key: "Gabon", zh: "加蓬" },
  { key: "Gambia", zh: "冈比亚", aliases: ["The Gambia"] },
  { key: "Georgia", zh: "格鲁吉亚" },
  { key: "Germany", zh: "德国", aliases: ["Deutschland"] },
  { key: "Ghana", zh: "加纳" },
  { key: "Greece", zh: "希腊" },
  { key: "Greenland", zh: "格陵兰" },
  { key: "Guatemala", zh: "危地马拉" },
  { key: "Guinea", zh: "几内亚" },
  { key: "Guinea-Bissau", zh: "几内亚比绍" },
  { key: "Guyana", zh: "圭亚那" },
  { key: "Haiti", zh: "海地" },
  { key: "Honduras", zh: "洪都拉斯" },
  { key: "Hungary", zh: "匈牙利" },
  { key: "Iceland", zh: "冰岛" },
  { key: "India", zh: "印度" },
  { key: "Indonesia", zh: "印度尼西亚" },
  { key: "Iran", zh: "伊朗", aliases: ["Islamic Republic of Iran", "Iran, Islamic Republic of"] },
  { key: "Iraq", zh: "伊拉克" },
  { key: "Ireland", zh: "爱尔兰" },
  { key: "Israel", zh: "以色列" },
  { key: "Italy", zh: "意大利" },
  { key: "Jamaica", zh: "牙买加" },
  { key: "Japan", zh: "日本" },
  { key: "Jordan", zh: "约旦" },
  { key: "Kazakhstan", zh: "哈萨克斯坦" },
  { key: "Kenya", zh: "肯尼亚" },
  { key: "Kosovo", zh: "科索沃" },
  { key: "Kuwait", zh: "科威特" },
  { key: "Kyrgyzstan", zh: "吉尔吉斯斯坦", aliases: ["Kyrgyz Republic"] },
  { key: "Laos", zh: "老挝", aliases: ["Lao PDR", "Lao People's Democratic Republic"] },
  { key: "Latvia", zh: "拉脱维亚" },
  { key: "Lebanon", zh: "黎巴嫩" },
  { key: "Lesotho", zh: "莱索托" },
  { key: "Liberia", zh: "利比里亚" },
  { key: "Libya", zh: "利比亚" },
  { key: "Lithuania", zh: "立陶宛" },
  { key: "Luxembourg", zh: "卢森堡" },
  { key: "Macedonia", zh: "北马其顿", aliases: ["North Macedonia"] },
  { key: "Madagascar", zh: "马达加斯加" },
  { key: "Malawi", zh: "马拉维" },
  { key: "Malaysia", zh: "马来西亚" },
  { key: "Mali", zh: "马里" },
  { key: "Mauritania", zh: "毛里塔尼亚" },
  { key: "Mexico", zh: "墨西哥" },
  { key: "Moldova", zh: "摩尔多瓦", aliases: ["Republic of Moldova"] },
  { key: "Mongolia", zh: "蒙古" },
  { key: "Montenegro", zh: "黑山" },
  { key: "Morocco", zh: "摩洛哥" },
  { key: "Mozambique", zh: "莫桑比克" },
  { key: "Myanmar", zh: "缅甸", aliases: ["Burma"] },
  { key: "N. Cyprus", zh: "北塞浦路斯", aliases: ["Northern Cyprus"] },
  { key: "Namibia", zh: "纳米比亚" },
  { key: "Nepal", zh: "尼泊尔" },
  { key: "Netherlands", zh: "荷兰", aliases: ["The Netherlands", "Holland"] },
  { key: "New Caledonia", zh: "新喀里多尼亚" },
  { key: "New Zealand", zh: "新西兰" },
  { key: "Nicaragua", zh: "尼加拉瓜" },
  { key: "Niger", zh: "尼日尔" },
  { key: "Nigeria", zh: "尼日利亚" },
  { key: "North Korea", zh: "朝鲜", aliases: ["DPRK", "Democratic People's Republic of Korea", "Korea, Democratic People's Republic of"] },
  { key: "Norway", zh: "挪威" },
  { key: "Oman", zh: "阿曼" },
  { key: "Pakistan", zh: "巴基斯坦" },
  { key: "Palestine", zh: "巴勒斯坦", aliases: ["State of Palestine", "Palestinian Territories"] },
  { key: "Panama", zh: "巴拿马" },
  { key: "Papua New Guinea", zh: "巴布亚新几内亚" },
  { key: "Paraguay", zh: "巴拉圭" },
  { key: "Peru", zh: "秘鲁" },
  { key: "Philippines", zh: "菲律宾" },
  { key: "Poland", zh: "波兰" },
  { key: "Portugal", zh: "葡萄牙" },
  { key: "Puerto Rico", zh: "波多黎各" },
  { key: "Qatar", zh: "卡塔尔" },
  { key: "Romania", zh: "罗马尼亚" },
  { key: "Russia", zh: "俄罗斯", aliases: ["Russian Federation"] },
  { key: "Rwanda", zh: "卢旺达" },
  { key: "S. Sudan", zh: "南苏丹", aliases: ["South Sudan"] },
  { key: "Saudi Arabia", zh: "沙特阿拉伯" },
  { key: "Senegal", zh: "塞内加尔" },
  { key: "Serbia", zh: "塞尔维亚" },
  { key: "Sierra Leone", zh: "塞拉利昂" },
  { key: "Slovakia", zh: "斯洛伐克" },
  { key: "Slovenia", zh: "斯洛文尼亚" },
  { key: "Solomon Is.", zh: "所罗门群岛", aliases: ["Solomon Islands"] },
  { key: "Somalia", zh: "索马里" },
  { key: "Somaliland", zh: "索马里兰" },
  { key: "South Africa", zh: "南非" },
  { key: "South Korea", zh: "韩国", aliases: ["Korea", "Republic of Korea", "Korea, Republic of"] },
  { key: "Spain", zh: "西班牙" },
  { key: "Sri Lanka", zh: "斯里兰卡" },
  { key: "Sudan", zh: "苏丹" },
  { key: "Suriname", zh: "苏里南" },
  { key: "Sweden", zh: "瑞典" },
  { key: "Switzerland", zh: "瑞士" },
  { key: "Syria", zh: "叙利亚", aliases: ["Syrian Arab Republic"] },
  { key: "Tajikistan", zh: "塔吉克斯坦" },
  { key: "Tanzania", zh: "坦桑尼亚", aliases: ["United Republic of Tanzania"] },
  { key: "Thailand", zh: "泰国" },
  { key: "Timor-Leste", zh: "东帝汶", aliases: ["East Timor"] },
  { key: "Togo", zh: "多哥" },
  { key: "Trinidad and Tobago", zh: "特立尼达和多巴哥" },
  { key: "Tunisia", zh: "突尼斯" },
  { key: "Turkey", zh: "土耳其", aliases: ["Türkiye"] },
  { key: "Turkmenistan", zh: "土库曼斯坦" },
  { key: "Uganda", zh: "乌干达" },
  { key: "Ukraine", zh: "乌克兰" },
  { key: "United Arab Emirates", zh: "阿联酋", aliases: ["UAE"] },
  {
    key: "United Kingdom",
    zh: "英国",
    aliases: [
      "UK",
      "Great Britain",
      "Britain",
      "England",
      "Scotland",
      "Wales",
      "Northern Ireland",
      "United Kingdom of Great Britain and Northern Ireland",
    ],
  },
  {
    key: "United States of America",
    zh: "美国",
    aliases: ["United States", "USA", "US", "U.S.", "U.S.A.", "America"],
  },
  { key: "Uruguay", zh: "乌拉圭" },
  { key: "Uzbekistan", zh: "乌兹别克斯坦" },
  { key: "Vanuatu", zh: "瓦努阿图" },
  { key: "Venezuela", zh: "委内瑞拉", aliases: ["Bolivarian Republic of Venezuela"] },
  { key: "Vietnam", zh: "越南", aliases: ["Viet Nam"] },
  { key: "W. Sahara", zh: "西撒哈拉", aliases: ["Western Sahara"] },
  { key: "Yemen", zh: "也门" },
  { key: "Zambia", zh: "赞比亚" },
  { key: "Zimbabwe", zh: "津巴布韦" },
  // Not in the 1:110m data: drawn as points.
  { key: "Singapore", zh: "新加坡", point: [103.82, 1.352] },
  { key: "Bahrain", zh: "巴林", point: [50.56, 26.07] },
  { key: "Malta", zh: "马耳他", point: [14.45, 35.9] },
  { key: "Maldives", zh: "马尔代夫", point: [73.51, 4.18] },
  { key: "Mauritius", zh: "毛里求斯", point: [57.55, -20.35] },
  { key: "Seychelles", zh: "塞舌尔", point: [55.45, -4.62] },
  { key: "Comoros", zh: "科摩罗", point: [43.87, -11.88] },
  { key: "Cape Verde", zh: "佛得角", aliases: ["Cabo Verde"], point: [-23.6, 15.1] },
  { key: "Andorra", zh: "安道尔", point: [1.52, 42.51] },
  { key: "Monaco", zh: "摩纳哥", point: [7.42, 43.74] },
  { key: "Liechtenstein", zh: "列支敦士登", point: [9.55, 47.16] },
  { key: "San Marino", zh: "圣马力诺", point: [12.46, 43.94] },
  { key: "Vatican City", zh: "梵蒂冈", aliases: ["Holy See", "Vatican"], point: [12.45, 41.9] },
  { key: "Barbados", zh: "巴巴多斯", point: [-59.54, 13.19] },
  { key: "Samoa", zh: "萨摩亚", point: [-172.1, -13.76] },
  { key: "Tonga", zh: "汤加", point: [-175.2, -21.18] },
];

interface Province {
  /** Feature name in public/maps/china-provinces.json (Natural Earth `NAME_1`). */
  feature: string;
  en: string;
  zh: string;
  aliases?: string[];
}

// All 34 provincial-level divisions: 23 provinces (incl. Taiwan), 5 autonomous regions,
// 4 municipalities, 2 special administrative regions.
const PROVINCES: Province[] = [
  { feature: "Anhui", en: "Anhui", zh: "安徽" },
  { feature: "Beijing", en: "Beijing", zh: "北京", aliases: ["Peking"] },
  { feature: "Chongqing", en: "Chongqing", zh: "重庆", aliases: ["Chungking"] },
  { feature: "Fujian", en: "Fujian", zh: "福建" },
  { feature: "Gansu", en: "Gansu", zh: "甘肃" },
  { feature: "Guangdong", en: "Guangdong", zh: "广东", aliases: ["Canton"] },
  { feature: "Guangxi", en: "Guangxi", zh: "广西" },
  { feature: "Guizhou", en: "Guizhou", zh: "贵州" },
  { feature: "Hainan", en: "Hainan", zh: "海南" },
  { feature: "Hebei", en: "Hebei", zh: "河北" },
  { feature: "Heilongjiang", en: "Heilongjiang", zh: "黑龙江" },
  { feature: "Henan", en: "Henan", zh: "河南" },
  { feature: "Hong Kong", en: "Hong Kong", zh: "香港", aliases: ["Hongkong", "HK", "Xianggang"] },
  { feature: "Hubei", en: "Hubei", zh: "湖北" },
  { feature: "Hunan", en: "Hunan", zh: "湖南" },
  { feature: "Inner Mongol", en: "Inner Mongolia", zh: "内蒙古", aliases: ["Nei Mongol", "Neimenggu", "Nei Menggu", "Inner Mongolia"] },
  { feature: "Jiangsu", en: "Jiangsu", zh: "江苏" },
  { feature: "Jiangxi", en: "Jiangxi", zh: "江西" },
  { feature: "Jilin", en: "Jilin", zh: "吉林" },
  { feature: "Liaoning", en: "Liaoning", zh: "辽宁" },
  { feature: "Macao", en: "Macao", zh: "澳门", aliases: ["Macau", "Aomen"] },
  { feature: "Ningxia", en: "Ningxia", zh: "宁夏" },
  { feature: "Qinghai", en: "Qinghai", zh: "青海" },
  { feature: "Shaanxi", en: "Shaanxi", zh: "陕西" },
  { feature: "Shandong", en: "Shandong", zh: "山东" },
  { feature: "Shanghai", en: "Shanghai", zh: "上海" },
  { feature: "Shanxi", en: "Shanxi", zh: "山西" },
  { feature: "Sichuan", en: "Sichuan", zh: "四川" },
  { feature: "Taiwan", en: "Taiwan", zh: "台湾" },
  { feature: "Tianjin", en: "Tianjin", zh: "天津" },
  { feature: "Xinjiang", en: "Xinjiang", zh: "新疆" },
  { feature: "Xizang", en: "Xizang", zh: "西藏", aliases: ["Tibet"] },
  { feature: "Yunnan", en: "Yunnan", zh: "云南" },
  { feature: "Zhejiang", en: "Zhejiang", zh: "浙江" },
];

// Chinese names of the larger cities (no city shapes exist, so this is only for labels).
const CITY_ZH: Record<string, string> = {
  Anshan: "鞍山",
  Baoding: "保定",
  Baoji: "宝鸡",
  Baotou: "包头",
  Beijing: "北京",
  Changchun: "长春",
  Changsha: "长沙",
  Changzhou: "常州",
  Chengdu: "成都",
  Chongqing: "重庆",
  Dali: "大理",
  Dalian: "大连",
  Daqing: "大庆",
  Datong: "大同",
  Dongguan: "东莞",
  Foshan: "佛山",
  Fuzhou: "福州",
  Ganzhou: "赣州",
  Guangzhou: "广州",
  Guilin: "桂林",
  Guiyang: "贵阳",
  Haikou: "海口",
  Handan: "邯郸",
  Hangzhou: "杭州",
  Harbin: "哈尔滨",
  Hefei: "合肥",
  Hohhot: "呼和浩特",
  "Hong Kong": "香港",
  Huizhou: "惠州",
  Jiaxing: "嘉兴",
  Jilin: "吉林",
  Jinan: "济南",
  Jinhua: "金华",
  Kaohsiung: "高雄",
  Kashgar: "喀什",
  Kunming: "昆明",
  Lanzhou: "兰州",
  Lhasa: "拉萨",
  Linyi: "临沂",
  Luoyang: "洛阳",
  Macao: "澳门",
  Macau: "澳门",
  Mianyang: "绵阳",
  Nanchang: "南昌",
  Nanjing: "南京",
  Nanning: "南宁",
  Nantong: "南通",
  Ningbo: "宁波",
  Qingdao: "青岛",
  Quanzhou: "泉州",
  Sanya: "三亚",
  Shanghai: "上海",
  Shantou: "汕头",
  Shaoxing: "绍兴",
  Shenyang: "沈阳",
  Shenzhen: "深圳",
  Shijiazhuang: "石家庄",
  Suzhou: "苏州",
  Taichung: "台中",
  Taipei: "台北",
  Taiyuan: "太原",
  Tangshan: "唐山",
  Tianjin: "天津",
  Tianshui: "天水",
  Urumqi: "乌鲁木齐",
  Weifang: "潍坊",
  Wenzhou: "温州",
  Wuhan: "武汉",
  Wuhu: "芜湖",
  Wuxi: "无锡",
  "Xi'an": "西安",
  Xiamen: "厦门",
  Xining: "西宁",
  Xuzhou: "徐州",
  Yantai: "烟台",
  Yichang: "宜昌",
  Yinchuan: "银川",
  Zhengzhou: "郑州",
  Zhongshan: "中山",
  Zhuhai: "珠海",
  Zhuzhou: "株洲",
  Zibo: "淄博",
  Zunyi: "遵义",
  // Abroad
  Berlin: "柏林",
  Houston: "休斯敦",
  "Kuala Lumpur": "吉隆坡",
  London: "伦敦",
  "Los Angeles": "洛杉矶",
  Munich: "慕尼黑",
  "New York": "纽约",
  Osaka: "大阪",
  Paris: "巴黎",
  Seoul: "首尔",
  Singapore: "新加坡",
  Sydney: "悉尼",
  Tokyo: "东京",
};

// Regions abroad, keyed by world-atlas country name.
const FOREIGN_REGION_ZH: Record<string, Record<string, string>> = {
  "United States of America": {
    California: "加利福尼亚州",
    "New York": "纽约州",
    Texas: "得克萨斯州",
    Washington: "华盛顿州",
    Florida: "佛罗里达州",
    Illinois: "伊利诺伊州",
  },
  Germany: { Bavaria: "巴伐利亚", Berlin: "柏林", Hamburg: "汉堡", Hesse: "黑森" },
  Japan: { Tokyo: "东京都", Osaka: "大阪府", Kanagawa: "神奈川县", Aichi: "爱知县" },
  Australia: { "New South Wales": "新南威尔士州", Victoria: "维多利亚州", Queensland: "昆士兰州" },
  Malaysia: { "Kuala Lumpur": "吉隆坡", Selangor: "雪兰莪州", Penang: "槟城州" },
  Singapore: { Singapore: "新加坡" },
};

// Trailing words that name the kind of division, not the place ("Guangdong Province",
// "Guangxi Zhuang Autonomous Region", "Hong Kong SAR", "Beijing Shi").
const SUFFIX_WORDS = new Set([
  "province",
  "sheng",
  "shi",
  "city",
  "municipality",
  "autonomous",
  "region",
  "zizhiqu",
  "sar",
  "special",
  "administrative",
  "zhuang",
  "hui",
  "uygur",
  "uyghur",
  "uighur",
  "weiwuer",
  "huizu",
  "zhuangzu",
]);
const ZH_SUFFIXES = ["特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"];

/** Case-, accent-, punctuation- and space-insensitive key. */
export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

function provinceKey(name: string): string {
  let s = name.trim();
  for (const suffix of ZH_SUFFIXES) if (s.length > suffix.length && s.endsWith(suffix)) s = s.slice(0, -suffix.length);
  const words = s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/\./g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  while (words.length > 1 && SUFFIX_WORDS.has(words[words.length - 1])) words.pop();
  return words.join("");
}

const countryIndex = new Map<string, Country>();
for (const c of COUNTRIES) {
  for (const n of [c.key, c.zh, ...(c.aliases ?? [])]) countryIndex.set(normalizeName(n), c);
}
const provinceIndex = new Map<string, Province>();
for (const p of PROVINCES) {
  for (const n of [p.feature, p.en, p.zh, ...(p.aliases ?? [])]) provinceIndex.set(provinceKey(n), p);
}

export type CountryMatch = { name: string; feature: string; point?: undefined } | { name: string; feature?: undefined; point: Coord };

/** Where an upstream country name goes on the world map: a feature of world.json, or a point. */
export function resolveCountry(name: string): CountryMatch | null {
  const c = countryIndex.get(normalizeName(name));
  if (!c) return null;
  return c.point ? { name: c.key, point: c.point } : { name: c.key, feature: c.key };
}

/** The feature of china-provinces.json for an upstream region of China. */
export function resolveProvince(name: string): string | null {
  return provinceIndex.get(provinceKey(name))?.feature ?? null;
}

export function isChina(country: string | undefined): boolean {
  return country !== undefined && countryIndex.get(normalizeName(country))?.key === "China" && !isChinaPart(country);
}

// "Hong Kong" as a country sits on China's shape, but it is not China: drilling into it must not
// show the provinces.
function isChinaPart(name: string): boolean {
  return provinceIndex.has(provinceKey(name)) && normalizeName(name) !== "china";
}

const hasCjk = (s: string) => /\p{Script=Han}/u.test(s);

/** Display name of a country: Chinese in zh-CN; in English the upstream name (it is already English). */
export function countryLabel(name: string, locale: Locale): string {
  if (locale === "zh-CN") {
    if (isChinaPart(name)) return provinceLabel(name, locale);
    return countryIndex.get(normalizeName(name))?.zh ?? name;
  }
  return hasCjk(name) ? (countryIndex.get(normalizeName(name))?.key ?? name) : name;
}

/** Display name of a Chinese provincial division. */
export function provinceLabel(name: string, locale: Locale): string {
  const p = provinceIndex.get(provinceKey(name));
  if (!p) return name;
  return locale === "zh-CN" ? p.zh : p.en;
}

/** Display name of a region (province, state) of a country. */
export function regionLabel(country: string, region: string, locale: Locale): string {
  if (isChina(country)) return provinceLabel(region, locale);
  if (locale !== "zh-CN") return region;
  const key = resolveCountry(country)?.name;
  return (key && FOREIGN_REGION_ZH[key]?.[region]) ?? region;
}

export function cityLabel(city: string, locale: Locale): string {
  return locale === "zh-CN" ? (CITY_ZH[city] ?? city) : city;
}

/** Display name of the deepest place of a path ("" for the world). */
export function placeLabel(path: LocationPath, locale: Locale): string {
  if (path.city !== undefined) return cityLabel(path.city, locale);
  if (path.region !== undefined && path.country !== undefined) return regionLabel(path.country, path.region, locale);
  if (path.country !== undefined) return countryLabel(path.country, locale);
  return "";
}

/** For tests and pickers: the canonical names this module knows. */
export const KNOWN_COUNTRIES: readonly string[] = COUNTRIES.map((c) => c.key);
export const KNOWN_PROVINCE_FEATURES: readonly string[] = PROVINCES.map((p) => p.feature);
