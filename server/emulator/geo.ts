/**
 * Where demo devices live. Names are the English/pinyin forms the API prints ("Guangdong",
 * "Guangzhou", "Inner Mongolia", "Tibet", "Macau"); coordinates are real city centres; weights
 * are roughly urban population in millions so the map looks like a real fleet.
 * All 34 Chinese provincial-level divisions are present, plus a few export markets.
 */
export interface City {
  country: string;
  region: string;
  city: string;
  lon: number;
  lat: number;
  weight: number;
}

type Row = [region: string, city: string, lon: number, lat: number, weight: number];

const CHINA: Row[] = [
  ["Beijing", "Beijing", 116.4074, 39.9042, 21.9],
  ["Shanghai", "Shanghai", 121.4737, 31.2304, 24.9],
  ["Tianjin", "Tianjin", 117.2008, 39.0842, 13.9],
  ["Chongqing", "Chongqing", 106.5516, 29.563, 16.0],
  ["Guangdong", "Guangzhou", 113.2644, 23.1291, 18.7],
  ["Guangdong", "Shenzhen", 114.0579, 22.5431, 17.6],
  ["Guangdong", "Dongguan", 113.7518, 23.0205, 10.5],
  ["Guangdong", "Foshan", 113.1214, 23.0215, 9.5],
  ["Guangdong", "Zhuhai", 113.5767, 22.2707, 2.4],
  ["Zhejiang", "Hangzhou", 120.1551, 30.2741, 12.2],
  ["Zhejiang", "Ningbo", 121.5503, 29.8746, 9.4],
  ["Zhejiang", "Wenzhou", 120.6994, 27.9943, 9.6],
  ["Jiangsu", "Nanjing", 118.7969, 32.0603, 9.3],
  ["Jiangsu", "Suzhou", 120.5853, 31.2989, 12.7],
  ["Jiangsu", "Wuxi", 120.3119, 31.4912, 7.5],
  ["Shandong", "Jinan", 117.1201, 36.6512, 9.2],
  ["Shandong", "Qingdao", 120.3826, 36.0671, 10.1],
  ["Shandong", "Yantai", 121.4479, 37.4638, 7.1],
  ["Henan", "Zhengzhou", 113.6254, 34.7466, 12.6],
  ["Henan", "Luoyang", 112.454, 34.6197, 7.1],
  ["Hebei", "Shijiazhuang", 114.5149, 38.0428, 11.2],
  ["Hebei", "Tangshan", 118.1802, 39.6309, 7.7],
  ["Shanxi", "Taiyuan", 112.5489, 37.8706, 5.3],
  ["Shanxi", "Datong", 113.3001, 40.0768, 3.1],
  ["Inner Mongolia", "Hohhot", 111.7492, 40.8426, 3.4],
  ["Inner Mongolia", "Baotou", 109.8404, 40.6574, 2.7],
  ["Liaoning", "Shenyang", 123.4315, 41.8057, 9.1],
  ["Liaoning", "Dalian", 121.6147, 38.914, 7.5],
  ["Jilin", "Changchun", 125.3235, 43.8171, 9.1],
  ["Jilin", "Jilin", 126.5496, 43.8378, 3.6],
  ["Heilongjiang", "Harbin", 126.5349, 45.8038, 10.0],
  ["Heilongjiang", "Daqing", 125.1031, 46.5893, 2.8],
  ["Anhui", "Hefei", 117.2272, 31.8206, 9.4],
  ["Anhui", "Wuhu", 118.4331, 31.3526, 3.6],
  ["Fujian", "Fuzhou", 119.2965, 26.0745, 8.3],
  ["Fujian", "Xiamen", 118.0894, 24.4798, 5.2],
  ["Fujian", "Quanzhou", 118.6759, 24.8741, 8.8],
  ["Jiangxi", "Nanchang", 115.8579, 28.682, 6.3],
  ["Jiangxi", "Ganzhou", 114.9336, 25.8311, 9.0],
  ["Hubei", "Wuhan", 114.3054, 30.5931, 12.3],
  ["Hubei", "Yichang", 111.2865, 30.6919, 4.0],
  ["Hunan", "Changsha", 112.9388, 28.2282, 10.0],
  ["Hunan", "Zhuzhou", 113.1341, 27.8274, 3.9],
  ["Guangxi", "Nanning", 108.3665, 22.817, 8.7],
  ["Guangxi", "Guilin", 110.2902, 25.2736, 4.9],
  ["Hainan", "Haikou", 110.3312, 20.0311, 2.9],
  ["Hainan", "Sanya", 109.5119, 18.2528, 1.0],
  ["Sichuan", "Chengdu", 104.0665, 30.5723, 20.9],
  ["Sichuan", "Mianyang", 104.6796, 31.4675, 4.9],
  ["Guizhou", "Guiyang", 106.6302, 26.6477, 6.0],
  ["Guizhou", "Zunyi", 106.9272, 27.7254, 6.6],
  ["Yunnan", "Kunming", 102.8329, 24.8801, 8.5],
  ["Yunnan", "Dali", 100.2676, 25.6065, 3.3],
  ["Tibet", "Lhasa", 91.1409, 29.6456, 0.9],
  ["Shaanxi", "Xi'an", 108.9398, 34.3416, 12.9],
  ["Shaanxi", "Baoji", 107.2371, 34.3619, 3.3],
  ["Gansu", "Lanzhou", 103.8343, 36.0611, 4.4],
  ["Gansu", "Tianshui", 105.7249, 34.5809, 3.0],
  ["Qinghai", "Xining", 101.7782, 36.6171, 2.5],
  ["Ningxia", "Yinchuan", 106.2309, 38.4872, 2.9],
  ["Xinjiang", "Urumqi", 87.6168, 43.8256, 4.1],
  ["Xinjiang", "Kashgar", 75.9897, 39.4677, 0.7],
  ["Hong Kong", "Hong Kong", 114.1694, 22.3193, 7.5],
  ["Macau", "Macau", 113.5439, 22.1987, 0.7],
  ["Taiwan", "Taipei", 121.5654, 25.033, 2.6],
  ["Taiwan", "Kaohsiung", 120.3014, 22.6273, 2.7],
];

const ABROAD: (readonly [country: string, ...row: Row])[] = [
  ["United States", "California", "Los Angeles", -118.2437, 34.0522, 1.6],
  ["United States", "New York", "New York", -74.006, 40.7128, 1.4],
  ["United States", "Texas", "Houston", -95.3698, 29.7604, 0.8],
  ["Germany", "Bavaria", "Munich", 11.582, 48.1351, 0.7],
  ["Germany", "Berlin", "Berlin", 13.405, 52.52, 0.8],
  ["Japan", "Tokyo", "Tokyo", 139.6503, 35.6762, 1.2],
  ["Japan", "Osaka", "Osaka", 135.5023, 34.6937, 0.6],
  ["Singapore", "Singapore", "Singapore", 103.8198, 1.3521, 0.8],
  ["Malaysia", "Kuala Lumpur", "Kuala Lumpur", 101.6869, 3.139, 0.5],
  ["Australia", "New South Wales", "Sydney", 151.2093, -33.8688, 0.5],
];

export const CITIES: City[] = [
  ...CHINA.map(([region, city, lon, lat, weight]) => ({ country: "China", region, city, lon, lat, weight })),
  ...ABROAD.map(([country, region, city, lon, lat, weight]) => ({ country, region, city, lon, lat, weight })),
];

/** Cumulative weights for weighted sampling of a city index from a uniform number in [0, 1). */
const CUMULATIVE: number[] = (() => {
  const total = CITIES.reduce((s, c) => s + c.weight, 0);
  let acc = 0;
  return CITIES.map((c) => (acc += c.weight / total));
})();

export function pickCity(u: number): number {
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (CUMULATIVE[mid] <= u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Indices of cities matching optional country/region/city names (exact, case-sensitive like the API). */
export function citiesMatching(country?: string, region?: string, city?: string): number[] {
  const out: number[] = [];
  CITIES.forEach((c, i) => {
    if (country !== undefined && c.country !== country) return;
    if (region !== undefined && c.region !== region) return;
    if (city !== undefined && c.city !== city) return;
    out.push(i);
  });
  return out;
}
